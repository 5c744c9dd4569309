using System.Security.Cryptography;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Modules;

/// <summary>
/// resty.aes (lua-resty-string 0.11): <c>aes:new(key, salt, cipher, hash, hash_rounds)</c> derives key and IV
/// with OpenSSL's EVP_BytesToKey (MD5, one round, no salt by default) or takes them raw from a
/// <c>{ iv = ..., method = f }</c> table, then <c>obj:encrypt(s)</c> / <c>obj:decrypt(s)</c>.
/// <c>aes.cipher(size, mode)</c> (128/192/256; ecb, cbc, cfb1, cfb8, cfb128, ofb, and ctr for 128 and 192
/// only, as lua-resty-string declares them) and <c>aes.hash</c>. Failures return what it returns: nil,
/// or nil and "bad iv", "bad key length", "salt must be 8 characters or nil"; an undeclared cipher raises
/// LuaJIT's "missing declaration for symbol".
/// </summary>
public static class AesModule
{
    private static readonly string[] HashNames = { "md5", "sha1", "sha224", "sha256", "sha384", "sha512" };

    public static LuaTable Create(LuaState state)
    {
        var module = new LuaTable(0, 8);
        var metatable = new LuaTable(0, 1);
        metatable["__index"] = module;
        module["_VERSION"] = (LuaString)DigestModule.Version;

        var hashes = new LuaTable(0, HashNames.Length);
        foreach (var name in HashNames) hashes[name] = new LuaUserdata(new EvpDigest(name));
        module["hash"] = hashes;

        var cipher = new HostFunction("cipher", Cipher);
        module["cipher"] = cipher;
        module["new"] = new HostFunction("new", call => New(call, metatable, hashes, cipher));
        module["encrypt"] = new HostFunction("encrypt", call => Run(call, "_encrypt_ctx", "EVP_EncryptUpdate", encrypt: true));
        module["decrypt"] = new HostFunction("decrypt", call => Run(call, "_decrypt_ctx", "EVP_DecryptUpdate", encrypt: false));
        return module;
    }

    /// <summary>A digest OpenSSL names (EVP_md5() and friends), as aes.hash holds them.</summary>
    internal sealed record EvpDigest(string Name)
    {
        public byte[] Hash(ReadOnlySpan<byte> data) => Name switch
        {
            "md5" => MD5.HashData(data),
            "sha1" => SHA1.HashData(data),
            "sha224" => Sha224Of(data),
            "sha256" => SHA256.HashData(data),
            "sha384" => SHA384.HashData(data),
            _ => SHA512.HashData(data),
        };

        private static byte[] Sha224Of(ReadOnlySpan<byte> data)
        {
            var sha = new Sha224();
            sha.Append(data);
            return sha.FinishAndReset();
        }
    }

    // ---- aes.cipher(size, mode) ----

    private static int Cipher(LuaCall call)
    {
        var size = call[0].IsNil ? LuaValue.FromNumber(128) : call[0];
        var mode = call[1].IsNil ? (LuaValue)(LuaString)"cbc" : call[1];
        string symbol = "EVP_aes_" + Concatenable(call, size) + "_" + Concatenable(call, mode);
        var kind = Declared(symbol) ?? throw call.Thread.RuntimeError($"missing declaration for symbol '{symbol}'");
        var result = new LuaTable(0, 3);
        result["size"] = size;
        result["cipher"] = mode;
        result["method"] = new LuaUserdata(kind);
        return call.Return(result);
    }

    /// <summary>A value in <c>..</c>: strings and numbers (as tostring gives them); anything else is Lua's error.</summary>
    private static string Concatenable(LuaCall call, in LuaValue v)
    {
        if (v.Ref is LuaString s) return s.ToLatin1();
        if (v.IsNumber) return LuaNumber.ToLuaString(v.Number).ToLatin1();
        throw call.Thread.RuntimeError($"attempt to concatenate a {v.TypeName} value");
    }

    /// <summary>The ciphers lua-resty-string 0.11 declares to the FFI (no EVP_aes_256_ctr among them).</summary>
    private static AesCipherKind? Declared(string symbol)
    {
        foreach (int bits in new[] { 128, 192, 256 })
        {
            foreach (var (name, mode) in new[] { ("ecb", AesMode.Ecb), ("cbc", AesMode.Cbc), ("cfb1", AesMode.Cfb1), ("cfb8", AesMode.Cfb8),
                                                 ("cfb128", AesMode.Cfb128), ("ofb", AesMode.Ofb), ("ctr", AesMode.Ctr) })
            {
                if (mode == AesMode.Ctr && bits == 256) continue;
                if (symbol == $"EVP_aes_{bits}_{name}") return new AesCipherKind(bits, mode);
            }
        }
        return null;
    }

    // ---- aes:new(key, salt, cipher, hash, hash_rounds) ----

    private static int New(LuaCall call, LuaTable metatable, LuaTable hashes, HostFunction cipherFunction)
    {
        var keyValue = call[1];
        var salt = call[2];
        AesCipherKind kind;
        if (call[3].IsNil) kind = new AesCipherKind(128, AesMode.Cbc);
        else
        {
            var cipherTable = call[3].Ref as LuaTable ?? throw call.Thread.RuntimeError($"attempt to index local '_cipher' (a {call[3].TypeName} value)");
            kind = cipherTable["method"].Ref is LuaUserdata { Value: AesCipherKind k }
                ? k
                : throw call.Thread.RuntimeError("bad argument #2 to 'EVP_EncryptInit_ex' (cannot convert 'nil' to 'const EVP_CIPHER *')");
        }
        var hash = call[4].IsNil ? hashes["md5"] : call[4];
        int rounds = call[5].IsNil ? 1 : LuaNumber.ToInt32(call.CheckNumber(5));

        var key = new byte[kind.KeyLength];
        var iv = new byte[16];
        if (hash.Ref is LuaTable custom)
        {
            if (custom["iv"].Ref is not LuaString ivString || ivString.Length != 16)
                return call.Return(LuaValue.Nil, (LuaString)"bad iv");
            ReadOnlySpan<byte> rawKey;
            var method = custom["method"];
            if (!method.IsFalsy)
            {
                var derived = call.Thread.Call1(method, keyValue);
                var derivedKey = LengthOf(call, derived, "tmp_key");
                if (derivedKey.Length != kind.KeyLength) return call.Return(LuaValue.Nil, (LuaString)"bad key length");
                rawKey = derivedKey.Span;
            }
            else
            {
                var plainKey = LengthOf(call, keyValue, "key");
                if (plainKey.Length != kind.KeyLength) return call.Return(LuaValue.Nil, (LuaString)"bad key length");
                rawKey = plainKey.Span;
            }
            rawKey.CopyTo(key);
            ivString.Span.CopyTo(iv);
        }
        else
        {
            if (salt.IsTruthy && (salt.Ref is not LuaString saltString || saltString.Length != 8))
            {
                if (salt.Ref is not LuaString) LengthOf(call, salt, "salt");
                return call.Return(LuaValue.Nil, (LuaString)"salt must be 8 characters or nil");
            }
            if (hash.Ref is not LuaUserdata { Value: EvpDigest digest })
                throw call.Thread.RuntimeError($"bad argument #2 to 'EVP_BytesToKey' (cannot convert '{hash.TypeName}' to 'const EVP_MD *')");
            var password = LengthOf(call, keyValue, "key");
            BytesToKey(digest, salt.Ref is LuaString s ? s.Span : default, password.Span, rounds, key, kind.IvLength == 0 ? Span<byte>.Empty : iv);
        }

        var self = new LuaTable(0, 2);
        self["_encrypt_ctx"] = new LuaUserdata(new AesCipher(kind, key, iv));
        self["_decrypt_ctx"] = new LuaUserdata(new AesCipher(kind, key, iv));
        self.Metatable = metatable;
        return call.Return(self);
    }

    /// <summary>A string that lua-resty-string measures with <c>#</c>; other values fail there, as in Lua.</summary>
    private static LuaString LengthOf(LuaCall call, in LuaValue v, string localName) =>
        v.Ref as LuaString ?? throw call.Thread.RuntimeError($"attempt to get length of local '{localName}' (a {v.TypeName} value)");

    /// <summary>
    /// OpenSSL's EVP_BytesToKey: D_i = H^rounds(D_(i-1) || password || salt), concatenated until the key
    /// and then the IV are filled. Fewer than one round counts as one.
    /// </summary>
    internal static void BytesToKey(EvpDigest digest, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> password, int rounds, Span<byte> key, Span<byte> iv)
    {
        byte[] previous = [];
        int keyFilled = 0, ivFilled = 0;
        while (keyFilled < key.Length || ivFilled < iv.Length)
        {
            var input = new byte[previous.Length + password.Length + salt.Length];
            previous.CopyTo(input, 0);
            password.CopyTo(input.AsSpan(previous.Length));
            salt.CopyTo(input.AsSpan(previous.Length + password.Length));
            var block = digest.Hash(input);
            for (int i = 1; i < rounds; i++) block = digest.Hash(block);
            previous = block;

            int used = 0;
            while (keyFilled < key.Length && used < block.Length) key[keyFilled++] = block[used++];
            while (ivFilled < iv.Length && used < block.Length) iv[ivFilled++] = block[used++];
        }
    }

    // ---- obj:encrypt(s), obj:decrypt(s) ----

    private static int Run(LuaCall call, string contextField, string cFunction, bool encrypt)
    {
        var self = RestyArguments.CheckSelf(call);
        var input = RestyArguments.CheckString(call, 1, "s", cFunction, 4, "const unsigned char *");
        if (self[contextField].Ref is not LuaUserdata { Value: AesCipher cipher })
            throw call.Thread.RuntimeError($"bad argument #1 to '{cFunction}' (cipher context expected: call new() first)");
        var output = encrypt ? cipher.Encrypt(input.Span) : cipher.Decrypt(input.Span);
        if (output is null) return call.Return(LuaValue.Nil);
        return call.Return(output.Length == 0 ? LuaString.Empty : new LuaString(output));
    }
}
