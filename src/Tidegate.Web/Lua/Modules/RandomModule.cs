using System.Security.Cryptography;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Modules;

/// <summary>
/// resty.random: <c>bytes(len, strong)</c> returns <c>len</c> random bytes. Both kinds come from the
/// operating system's cryptographic generator (OpenSSL's RAND_pseudo_bytes, used when <c>strong</c> is
/// false, is no weaker since OpenSSL 1.1 either). The length is read as ffi.new reads a VLA size.
/// </summary>
public static class RandomModule
{
    /// <summary>LuaJIT's longest string.</summary>
    private const double MaxLength = 0x7fffff00;

    public static LuaTable Create(LuaState state)
    {
        var module = new LuaTable(0, 2);
        module["_VERSION"] = (LuaString)DigestModule.Version;
        module["bytes"] = new HostFunction("bytes", Bytes);
        return module;
    }

    private static int Bytes(LuaCall call)
    {
        var len = call[0];
        if (!len.IsNumber)
            throw call.Thread.RuntimeError($"bad argument #2 to 'new' (cannot convert '{len.TypeName}' to 'int')");
        double n = Math.Truncate(len.Number);
        if (!(n >= 0 && n <= MaxLength))
            throw call.Thread.RuntimeError("bad argument #1 to 'new' (size of C type is unknown or too large)");
        var bytes = new byte[(int)n];
        RandomNumberGenerator.Fill(bytes);
        return call.Return(bytes.Length == 0 ? LuaString.Empty : new LuaString(bytes));
    }
}
