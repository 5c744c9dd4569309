using System.Text;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Balancer;

/// <summary>
/// <c>require "ngx.balancer"</c>: set_current_peer, set_more_tries and get_last_failure, usable
/// only while balancer_by_lua runs
/// (elsewhere they answer nil, "no upstream found"). set_timeouts and the rest are not built and raise an error naming them.
/// </summary>
public static class NgxBalancerModule
{
    public static LuaTable Open()
    {
        var module = new LuaTable(0, 6);
        NgxArgs.Register(module, "set_current_peer", call =>
        {
            if (BalancerCall.Current is not { } balancer) return call.Return(LuaValue.Nil, NoUpstream);
            string host = call[0].Ref is LuaString s ? Encoding.Latin1.GetString(s.Span) : call[0].ToString() ?? "";
            int port = call[1].IsNil ? 80 : (int)call[1].Number;
            // ngx_lua parses "host:port" without resolving: only address literals are accepted.
            if (port < 1 || port > 65535) return call.Return(LuaValue.Nil, (LuaString)"invalid port");
            var address = BalancerCall.Literal(host, port);
            if (address is null) return call.Return(LuaValue.Nil, (LuaString)"no host allowed");
            balancer.Peer = address;
            return call.Return(LuaValue.True);
        });
        NgxArgs.Register(module, "set_more_tries", call =>
        {
            if (BalancerCall.Current is not { } balancer) return call.Return(LuaValue.Nil, NoUpstream);
            balancer.MoreTries += (int)call[0].Number;
            return call.Return(LuaValue.True);
        });
        NgxArgs.Register(module, "get_last_failure", call =>
        {
            if (BalancerCall.Current is not { } balancer) return call.Return(LuaValue.Nil, LuaValue.Nil, NoUpstream);
            return balancer.LastState is null
                ? call.Return(LuaValue.Nil)
                : call.Return((LuaString)balancer.LastState, balancer.LastStatus);
        });
        foreach (var name in new[] { "set_timeouts", "recreate_request", "set_upstream_tls" })
            NgxArgs.Register(module, name, _ => throw new LuaException($"ngx.balancer.{name} is not supported by tidegate yet"));
        module["version"] = 10023;
        return module;
    }

    // ngx_lua's answer outside balancer_by_lua, where the request has no upstream peer to set.
    private static readonly LuaString NoUpstream = "no upstream found";
}
