using Tidegate.Lua.Library.Cjson;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>Opens the whole standard library into a state, as luaL_openlibs does in LuaJIT.</summary>
public static class StandardLibraries
{
    /// <summary>The global names of the library tables, recorded in package.loaded as LuaJIT does.</summary>
    private static readonly string[] LibraryTables =
        { "coroutine", "table", "io", "os", "string", "math", "debug", "bit", "jit" };

    /// <summary>
    /// Opens every library in LuaJIT's order (base — which in LuaJIT also brings coroutine — package,
    /// table, io, os, string, math, debug, bit, jit) and registers each in package.loaded.
    /// </summary>
    public static void OpenAll(LuaState state) => OpenAll(state, ignoreEnvironment: false);

    /// <summary>As <see cref="OpenAll(LuaState)"/>; <paramref name="ignoreEnvironment"/> makes package ignore LUA_PATH/LUA_CPATH (luajit -E).</summary>
    public static void OpenAll(LuaState state, bool ignoreEnvironment)
    {
        BaseLibrary.Open(state);
        CoroutineLibrary.Open(state);
        PackageLibrary.Open(state, ignoreEnvironment);
        TableLibrary.Open(state);
        IoLibrary.Open(state);
        OsLibrary.Open(state);
        StringLibrary.Open(state);
        MathLibrary.Open(state);
        DebugLibrary.Open(state);
        BitLibrary.Open(state);
        JitLibrary.Open(state);
        StringBufferLibrary.Register(state);
        ThreadLibrary.Register(state);
        FfiLibrary.Register(state);
        CjsonLibrary.Register(state);   // lua-cjson, which luajit finds installed as a C module

        var loaded = PackageLibrary.LoadedTable(state);
        loaded["_G"] = state.Globals;
        foreach (var name in LibraryTables)
        {
            var library = state.Globals[name];
            if (library.IsTable) loaded[name] = library;
        }
    }
}
