namespace Tidegate.Web.Hosting;

/// <summary>
/// The modules beyond the core, in nginx's module order (which is also the order in which they
/// are offered a directive). Each compile gets fresh instances.
/// </summary>
public static class ConfigModules
{
    public static IReadOnlyList<IConfigModule> Create()
    {
        var upstreams = new Upstreams.UpstreamConfigModule();
        return new IConfigModule[] { upstreams, new Proxy.ProxyConfigModule(upstreams), new Lua.LuaConfigModule(), new Lua.Sockets.TlsConfigModule(), new Echo.EchoConfigModule(), new HeadersMore.HeadersMoreConfigModule(), new Map.MapConfigModule(), new Resolver.ResolverConfigModule() };
    }
}
