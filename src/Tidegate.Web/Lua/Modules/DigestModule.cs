using System.Security.Cryptography;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Modules;

/// <summary>
/// resty.md5, resty.sha1, resty.sha224, resty.sha256, resty.sha384 and resty.sha512 (lua-resty-string):
/// <c>local d = sha256:new()</c>, then <c>d:update(s)</c> (true), <c>d:final()</c> (the raw digest bytes) and
/// <c>d:reset()</c> (true). Objects are tables <c>{ _ctx = ... }</c> whose metatable's __index is the
/// module, as there. After final() the object starts over as after reset() (OpenSSL leaves the context
/// unusable until reset; lua-resty-string's documentation says to reset).
/// </summary>
public static class DigestModule
{
    public const string Version = "0.11";

    /// <summary>The digest modules: name, OpenSSL function prefix (for messages), and the digest.</summary>
    internal static readonly (string Module, string OpenSslName, Func<IDigestState> Create)[] Algorithms =
    {
        ("resty.md5", "MD5", () => new IncrementalDigest(HashAlgorithmName.MD5)),
        ("resty.sha1", "SHA1", () => new IncrementalDigest(HashAlgorithmName.SHA1)),
        ("resty.sha224", "SHA224", () => new Sha224()),
        ("resty.sha256", "SHA256", () => new IncrementalDigest(HashAlgorithmName.SHA256)),
        ("resty.sha384", "SHA384", () => new IncrementalDigest(HashAlgorithmName.SHA384)),
        ("resty.sha512", "SHA512", () => new IncrementalDigest(HashAlgorithmName.SHA512)),
    };

    /// <summary>Builds the module table named <paramref name="moduleName"/> (one of <see cref="Algorithms"/>).</summary>
    public static LuaTable Create(LuaState state, string moduleName)
    {
        var (_, openSslName, create) = Array.Find(Algorithms, a => a.Module == moduleName);
        if (create is null) throw new ArgumentException($"no digest module '{moduleName}'", nameof(moduleName));

        var module = new LuaTable(0, 8);
        var metatable = new LuaTable(0, 1);
        metatable["__index"] = module;
        module["_VERSION"] = (LuaString)Version;
        module["new"] = new HostFunction("new", call =>
        {
            var self = new LuaTable(0, 1);
            self["_ctx"] = new LuaUserdata(create());
            self.Metatable = metatable;
            return call.Return(self);
        });
        module["update"] = new HostFunction("update", call =>
        {
            var digest = Context(call, openSslName + "_Update");
            var data = RestyArguments.CheckString(call, 1, "s", openSslName + "_Update", 2, "const void *");
            digest.Append(data.Span);
            return call.Return(LuaValue.True);
        });
        module["final"] = new HostFunction("final", call =>
            call.Return(new LuaString(Context(call, openSslName + "_Final").FinishAndReset())));
        module["reset"] = new HostFunction("reset", call =>
        {
            Context(call, openSslName + "_Init").Reset();
            return call.Return(LuaValue.True);
        });
        return module;
    }

    /// <summary>self._ctx. A table without one would hand OpenSSL a NULL context; here it is an error naming the call.</summary>
    private static IDigestState Context(LuaCall call, string cFunction)
    {
        var self = RestyArguments.CheckSelf(call);
        if (self["_ctx"].Ref is LuaUserdata { Value: IDigestState digest }) return digest;
        throw call.Thread.RuntimeError($"bad argument #1 to '{cFunction}' (digest object expected, got a table without one: call new() first)");
    }
}
