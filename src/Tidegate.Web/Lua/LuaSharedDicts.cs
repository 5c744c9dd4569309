using Tidegate.Lua.Runtime;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;
using Tidegate.Web.Lua.Modules;
using Tidegate.Web.Shared;

namespace Tidegate.Web.Lua;

/// <summary>
/// Wires what the Lua state of every worker shares or loads natively: the lua_shared_dict zones as
/// <c>ngx.shared</c> (one <see cref="SharedDictionary"/> per name for the whole runtime, so every
/// worker sees the same data) and the native modules (cjson, resty.*, ngx.base64) in package.preload.
/// </summary>
public static class LuaSharedDicts
{
    /// <summary>
    /// The runtime's zones: on a reload (<paramref name="previous"/> set) a zone whose name and size
    /// are unchanged is kept with its contents, as nginx keeps the shared memory zone.
    /// </summary>
    public static SharedDictZones Create(ServerConfiguration config, SharedDictZones? previous)
    {
        if (config.Lua.SharedDicts.Count == 0) return SharedDictZones.Empty;
        try { return SharedDictZones.Create(config.Lua.SharedDicts.Select(d => (d.Name, d.Size)), previous); }
        catch (InvalidOperationException e) { throw new ConfigException(e.Message); }
    }

    /// <summary>Installs ngx.shared and the native modules into a worker's state (after resty.core's preloads, which they override).</summary>
    public static void Install(LuaState state, LuaTable ngx, SharedDictZones zones)
    {
        ngx["shared"] = SharedDictBinding.CreateSharedTable(state, zones.All);
        NativeModules.Register(state);
    }
}
