using Tidegate.Web.Lua;

namespace Tidegate.Web.Hosting;

/// <summary>
/// lua-nginx-module's per-location settings. The phase handlers are inherited by nested levels
/// (as ngx_http_lua_merge_loc_conf does); content_by_lua is the location's content handler.
/// </summary>
public sealed partial class LocationSettings
{
    public LuaChunkSpec? LuaServerRewrite { get; set; }
    public LuaChunkSpec? LuaRewrite { get; set; }
    public LuaChunkSpec? LuaAccess { get; set; }
    public LuaChunkSpec? LuaPrecontent { get; set; }
    public LuaChunkSpec? LuaHeaderFilter { get; set; }
    public LuaChunkSpec? LuaBodyFilter { get; set; }
    public LuaChunkSpec? LuaLog { get; set; }
    public bool LuaCodeCache { get; set; } = true;
    public bool LuaNeedRequestBody { get; set; }
    public bool LuaTransformUnderscores { get; set; } = true;
    public bool LuaUseDefaultType { get; set; } = true;
    public bool LuaHttp10Buffering { get; set; } = true;
    public bool LuaCheckClientAbort { get; set; }
    public bool LuaSocketLogErrors { get; set; } = true;
    /// <summary>lua_socket_* timeouts and sizes, kept for the cosocket module (milliseconds / bytes).</summary>
    public Dictionary<string, long>? LuaSocketSettings { get; set; }
}
