using Tidegate.Web.Lua.Sockets;

namespace Tidegate.Web.Hosting;

/// <summary>The lua_ssl_* settings of a level (inherited by inner levels, as ngx_lua merges them).</summary>
public sealed partial class LocationSettings
{
    public TlsClientSettings LuaTls { get; set; } = TlsClientSettings.Default;
}
