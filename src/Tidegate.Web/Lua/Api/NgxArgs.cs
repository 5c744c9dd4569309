using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>Argument conventions shared by the ngx API functions (those of resty.core's Lua wrappers).</summary>
internal static class NgxArgs
{
    /// <summary>
    /// resty.core's coercion for most string arguments: a string as it is, a false value as "",
    /// anything else through tostring (so a table becomes "table: 0x...").
    /// </summary>
    public static LuaString StringOrEmpty(LuaCall call, int i)
    {
        var v = call[i];
        if (v.Ref is LuaString s) return s;
        if (v.IsFalsy) return LuaString.Empty;
        return LuaOps.ToStringMeta(call.Thread, v);
    }

    /// <summary>tostring(v), as resty.core applies to subjects (nil becomes "nil").</summary>
    public static LuaString ToLuaString(LuaCall call, int i)
    {
        var v = call[i];
        return v.Ref as LuaString ?? LuaOps.ToStringMeta(call.Thread, v);
    }

    /// <summary>
    /// error(message, level) raised from a resty.core Lua wrapper: level 2 names the caller's position
    /// (Where(1) here, since the host function has no frame of its own), level 3 its caller's.
    /// </summary>
    public static LuaException Error(LuaCall call, string message, int level) =>
        new(LuaString.FromUtf8(call.Thread.Where(level - 1) + message));

    /// <summary>A C function's luaL_error: LuaJIT prefixes the position of the Lua code that called it (none when a C function such as pcall did).</summary>
    public static LuaException CError(LuaThread thread, string message) => thread.RuntimeError(message);

    public static void Register(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);
}
