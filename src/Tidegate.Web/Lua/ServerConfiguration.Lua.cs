using Tidegate.Web.Lua;

namespace Tidegate.Web.Hosting;

/// <summary>lua-nginx-module's http{}-level state, published by <see cref="LuaConfigModule.Complete"/>.</summary>
public sealed partial class ServerConfiguration
{
    public LuaMainSettings Lua { get; set; } = new();
}
