using Tidegate.Lua.Library;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Modules;

namespace Tidegate.Web.Tests.Lua.Modules;

/// <summary>A Lua state with the standard libraries and the native modules registered, as a worker has them.</summary>
internal static class ModuleTestState
{
    public static LuaState Create()
    {
        var state = new LuaState();
        StandardLibraries.OpenAll(state);
        NativeModules.Register(state);
        return state;
    }

    /// <summary>Runs a chunk and returns its first result as .NET text (UTF-8).</summary>
    public static string Run(string source) => Create().DoString(source, "=t")[0].ToString();

    public static LuaValue[] RunRaw(string source) => Create().DoString(source, "=t");

    public static string ErrorOf(string source) =>
        Assert.ThrowsAny<LuaException>(() => Create().DoString(source, "=t")).Message;
}
