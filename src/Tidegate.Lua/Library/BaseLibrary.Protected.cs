using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

// pcall, xpcall and error. pcall/xpcall are resumable frames (ProtectedCallFunction), so coroutines
// yield through them as in LuaJIT.
public static partial class BaseLibrary
{
    internal static void OpenProtected(LuaState state)
    {
        var g = state.Globals;
        g["pcall"] = new ProtectedCallFunction(withHandler: false);
        g["xpcall"] = new ProtectedCallFunction(withHandler: true);
        g["error"] = new HostFunction("error", Error);
    }

    /// <summary>error(value [, level]): a string (or number) message gets the position of the given level.</summary>
    private static int Error(LuaCall call)
    {
        var argument = call[0];
        var value = argument;
        int level = call.OptInt(1, 1);
        bool positioned = level > 0 && (value.Ref is LuaString || value.IsNumber);
        if (positioned)
        {
            // As luaL_where + lua_concat: a number becomes a string even when there is no position.
            string where = call.Thread.Where(level);
            var text = value.Ref as LuaString ?? LuaNumber.ToLuaString(value.Number);
            value = where.Length > 0 ? LuaString.Concat(LuaString.FromUtf8(where), text) : text;
        }
        throw new LuaException(value) { LeftOnStack = positioned ? new[] { argument, value } : new[] { value } };
    }
}
