using Tidegate.Lua.Library.Cjson;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Modules;

/// <summary>
/// The modules OpenResty users <c>require</c> that are C (or FFI over C) there and native here: cjson and
/// cjson.safe (OpenResty's fork), the lua-resty-string family, and ngx.base64. The server registers
/// <see cref="Loaders"/> into each worker's package.preload, so <c>require</c> finds them before any
/// file on lua_package_path, as OpenResty's bundled modules are found.
/// </summary>
public static class NativeModules
{
    /// <summary>Every module name with the function that builds its table for a state.</summary>
    public static IReadOnlyList<(string Name, Func<LuaState, LuaTable> Create)> Modules { get; } = BuildList();

    /// <summary>(moduleName, loader) pairs for package.preload: each loader returns a fresh module table.</summary>
    public static IEnumerable<(string Name, LuaFunction Loader)> Loaders() =>
        Modules.Select(m => (m.Name, (LuaFunction)new HostFunction("loader", call => call.Return(m.Create(call.State)))));

    /// <summary>Puts every loader into <paramref name="state"/>'s package.preload.</summary>
    public static void Register(LuaState state)
    {
        if (state.Globals["package"].Ref is not LuaTable package || package["preload"].Ref is not LuaTable preload)
            throw new InvalidOperationException("the package library must be open before native modules are registered");
        foreach (var (name, loader) in Loaders()) preload[name] = loader;
    }

    private static List<(string, Func<LuaState, LuaTable>)> BuildList()
    {
        var list = new List<(string, Func<LuaState, LuaTable>)>
        {
            ("cjson", state => CjsonLibrary.CreateModule(state, CjsonFlavor.OpenResty, safe: false)),
            ("cjson.safe", state => CjsonLibrary.CreateModule(state, CjsonFlavor.OpenResty, safe: true)),
            ("resty.sha", _ => ShaBaseModule()),
        };
        foreach (var (module, _, _) in DigestModule.Algorithms)
            list.Add((module, state => DigestModule.Create(state, module)));
        list.Add(("resty.random", RandomModule.Create));
        list.Add(("resty.string", StringModule.Create));
        list.Add(("resty.aes", AesModule.Create));
        list.Add(("ngx.base64", Base64Module.Create));
        return list;
    }

    /// <summary>resty.sha: in lua-resty-string only the shared FFI declarations and a version.</summary>
    private static LuaTable ShaBaseModule()
    {
        var module = new LuaTable(0, 1);
        module["_VERSION"] = (LuaString)DigestModule.Version;
        return module;
    }
}
