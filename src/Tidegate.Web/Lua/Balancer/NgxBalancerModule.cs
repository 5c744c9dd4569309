using System.Text;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Balancer;

/// <summary>
/// <c>require "ngx.balancer"</c>: set_current_peer, set_more_tries, get_last_failure, set_timeouts
/// and recreate_request, usable only while balancer_by_lua runs (elsewhere they answer
/// nil/false, "no upstream found"). set_upstream_tls (https upstreams) raises an error naming it.
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
        NgxArgs.Register(module, "set_timeouts", call =>
        {
            RequireRequest();
            // resty.core's checks: nil keeps the current value, anything but a positive number is an
            // error at the caller's line; seconds become whole milliseconds (0 also keeps it).
            long connect = Milliseconds(call, 0, "bad connect timeout");
            long send = Milliseconds(call, 1, "bad send timeout");
            long read = Milliseconds(call, 2, "bad read timeout");
            if (BalancerCall.Current is not { } balancer) return call.Return(LuaValue.False, NoUpstream);
            if (connect > 0) balancer.ConnectTimeout = TimeSpan.FromMilliseconds(connect);
            if (send > 0) balancer.SendTimeout = TimeSpan.FromMilliseconds(send);
            if (read > 0) balancer.ReadTimeout = TimeSpan.FromMilliseconds(read);
            balancer.TimeoutsChanged = true;
            return call.Return(LuaValue.True);
        });
        NgxArgs.Register(module, "recreate_request", call =>
        {
            RequireRequest();
            if (BalancerCall.Current is not { } balancer) return call.Return(LuaValue.Nil, NoUpstream);
            balancer.RecreateRequest = true;
            return call.Return(LuaValue.True);
        });
        NgxArgs.Register(module, "set_upstream_tls", _ => throw new LuaException("ngx.balancer.set_upstream_tls is not supported by tidegate yet"));
        module["version"] = 10023;
        return module;
    }

    /// <summary>resty.core raises this where no request is running (init, timers).</summary>
    private static void RequireRequest()
    {
        if (LuaWorker.Current?.Request is null && BalancerCall.Current is null) throw new LuaException("no request found");
    }

    private static long Milliseconds(in LuaCall call, int index, string error)
    {
        var value = call[index];
        if (value.IsFalsy) return 0;
        if (!value.IsNumber || !(value.Number > 0)) throw call.Thread.RuntimeError(error);
        double ms = value.Number * 1000;
        return ms >= long.MaxValue ? long.MaxValue : (long)ms;
    }

    // ngx_lua's answer outside balancer_by_lua, where the request has no upstream peer to set.
    private static readonly LuaString NoUpstream = "no upstream found";
}
