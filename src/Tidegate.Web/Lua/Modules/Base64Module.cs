using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Modules;

/// <summary>
/// ngx.base64 (lua-resty-core): <c>encode_base64url(s)</c> and <c>decode_base64url(s)</c>, RFC 4648's URL-safe
/// alphabet without padding, as nginx's ngx_encode_base64url/ngx_decode_base64url. Decoding stops at the
/// first '=', rejects any other byte outside the alphabet and a length of 4n+1, and ignores leftover bits,
/// as nginx does. A non-string argument gives <c>nil, "must provide a string"</c>; bad input
/// <c>nil, "invalid input"</c>.
/// </summary>
public static class Base64Module
{
    /// <summary>lua-resty-core's version, which the module reports.</summary>
    public const string Version = "0.1.25";

    private static readonly byte[] Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8.ToArray();
    private static readonly sbyte[] Values = BuildValues();

    public static LuaTable Create(LuaState state)
    {
        var module = new LuaTable(0, 3);
        module["version"] = (LuaString)Version;
        module["encode_base64url"] = new HostFunction("encode_base64url", call =>
            call[0].Ref is LuaString s ? call.Return(new LuaString(EncodeUrl(s.Span))) : NotAString(call));
        module["decode_base64url"] = new HostFunction("decode_base64url", call =>
        {
            if (call[0].Ref is not LuaString s) return NotAString(call);
            var decoded = DecodeUrl(s.Span);
            return decoded is null ? call.Return(LuaValue.Nil, (LuaString)"invalid input") : call.Return(new LuaString(decoded));
        });
        return module;
    }

    private static int NotAString(LuaCall call) => call.Return(LuaValue.Nil, (LuaString)"must provide a string");

    public static byte[] EncodeUrl(ReadOnlySpan<byte> src)
    {
        var dst = new byte[(src.Length / 3) * 4 + (src.Length % 3 == 0 ? 0 : src.Length % 3 + 1)];
        int d = 0, i = 0;
        for (; src.Length - i > 2; i += 3)
        {
            dst[d++] = Alphabet[src[i] >> 2];
            dst[d++] = Alphabet[((src[i] & 3) << 4) | (src[i + 1] >> 4)];
            dst[d++] = Alphabet[((src[i + 1] & 0x0f) << 2) | (src[i + 2] >> 6)];
            dst[d++] = Alphabet[src[i + 2] & 0x3f];
        }
        int rest = src.Length - i;
        if (rest > 0)
        {
            dst[d++] = Alphabet[src[i] >> 2];
            if (rest == 1) dst[d++] = Alphabet[(src[i] & 3) << 4];
            else
            {
                dst[d++] = Alphabet[((src[i] & 3) << 4) | (src[i + 1] >> 4)];
                dst[d++] = Alphabet[(src[i + 1] & 0x0f) << 2];
            }
        }
        return dst;
    }

    /// <summary>The decoded bytes, or null where nginx returns NGX_ERROR.</summary>
    public static byte[]? DecodeUrl(ReadOnlySpan<byte> src)
    {
        int len = 0;
        for (; len < src.Length; len++)
        {
            if (src[len] == '=') break;
            if (Values[src[len]] < 0) return null;
        }
        if (len % 4 == 1) return null;

        var dst = new byte[len / 4 * 3 + Math.Max(0, len % 4 - 1)];
        int d = 0, s = 0;
        for (; len > 3; len -= 4, s += 4)
        {
            dst[d++] = (byte)(Sextet(src[s]) << 2 | Sextet(src[s + 1]) >> 4);
            dst[d++] = (byte)(Sextet(src[s + 1]) << 4 | Sextet(src[s + 2]) >> 2);
            dst[d++] = (byte)(Sextet(src[s + 2]) << 6 | Sextet(src[s + 3]));
        }
        if (len > 1) dst[d++] = (byte)(Sextet(src[s]) << 2 | Sextet(src[s + 1]) >> 4);
        if (len > 2) dst[d++] = (byte)(Sextet(src[s + 1]) << 4 | Sextet(src[s + 2]) >> 2);
        return dst;
    }

    // A character's 6-bit value, for characters DecodeUrl has already checked (0-63, never -1): an int, so
    // or-ing the shifted values never sign-extends.
    private static int Sextet(byte c) => Values[c];

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[256];
        Array.Fill(values, (sbyte)-1);
        for (int i = 0; i < Alphabet.Length; i++) values[Alphabet[i]] = (sbyte)i;
        return values;
    }
}
