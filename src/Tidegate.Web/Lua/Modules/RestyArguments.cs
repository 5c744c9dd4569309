using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Modules;

/// <summary>
/// Argument checks worded as the Lua errors lua-resty-string's FFI code runs into, so a script that
/// passes the wrong thing sees the message it would see under OpenResty (e.g. "attempt to get length of
/// local 's' (a nil value)", from <c>#s</c>), with the caller's position.
/// </summary>
internal static class RestyArguments
{
    /// <summary>
    /// The string that lua-resty-string measures with <c>#</c> and hands to a C function. Other values fail
    /// at the <c>#</c> (tables pass it there and fail in the FFI conversion instead).
    /// </summary>
    public static LuaString CheckString(LuaCall call, int index, string localName, string cFunction, int cArgument, string cType)
    {
        var v = call[index];
        if (v.Ref is LuaString s) return s;
        if (v.IsTable)
            throw call.Thread.RuntimeError($"bad argument #{cArgument} to '{cFunction}' (cannot convert 'table' to '{cType}')");
        throw call.Thread.RuntimeError($"attempt to get length of local '{localName}' (a {v.TypeName} value)");
    }

    /// <summary>The object a method is called on: a table, as <c>self._ctx</c> needs.</summary>
    public static LuaTable CheckSelf(LuaCall call)
    {
        var v = call[0];
        return v.Ref as LuaTable ?? throw call.Thread.RuntimeError($"attempt to index local 'self' (a {v.TypeName} value)");
    }
}
