using System.Net;
using Tidegate.Web.Http;
using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Lua.Balancer;

/// <summary>
/// One request's balancer_by_lua state across its upstream attempts (ngx_lua's balancer peer
/// data): the peer the Lua code chose for this attempt, the extra tries it asked for, and how the
/// previous attempt ended, which ngx.balancer.get_last_failure reports.
/// </summary>
public sealed class BalancerCall
{
    // The handler runs synchronously on the request's thread, so the ngx.balancer functions find
    // the call they act on here while it runs.
    [ThreadStatic] private static BalancerCall? current;

    /// <summary>The call whose balancer_by_lua code is running on this thread, if any.</summary>
    public static BalancerCall? Current => current;

    /// <summary>The address set_current_peer chose for the coming attempt (null: the upstream's own choice).</summary>
    public UpstreamAddress? Peer { get; set; }
    /// <summary>Tries set_more_tries added, not yet given to the attempt loop.</summary>
    public int MoreTries { get; set; }
    /// <summary>"failed" or "next" for the previous attempt; null before the first.</summary>
    public string? LastState { get; set; }
    public int LastStatus { get; set; }

    /// <summary>set_timeouts for the coming attempt and those after it (ngx_lua changes the request's copy of the upstream settings); null keeps the location's.</summary>
    public TimeSpan? ConnectTimeout { get; set; }
    public TimeSpan? SendTimeout { get; set; }
    public TimeSpan? ReadTimeout { get; set; }
    /// <summary>set_timeouts was called since the last attempt.</summary>
    public bool TimeoutsChanged { get; set; }
    /// <summary>recreate_request was called: the upstream request is built again before the attempt.</summary>
    public bool RecreateRequest { get; set; }

    /// <summary>
    /// The log context of the balancer's lines: the request's, with the previous attempt's
    /// upstream once there was one (nginx still names that peer while the balancer runs again).
    /// </summary>
    public Logging.RequestLogContext? LogContext { get; set; }

    /// <summary>Runs the handler for one attempt; false when it failed (logged; nginx answers 500).</summary>
    public bool Run(RequestContext ctx, LuaChunkSpec spec)
    {
        Peer = null;
        var outer = current;
        current = this;
        try { return LuaSyncRunner.Run(ctx, spec, LuaPhase.Balancer) is not null; }
        finally { current = outer; }
    }

    /// <summary>The extra tries asked for since the last call, handed over once.</summary>
    public int TakeMoreTries()
    {
        int n = MoreTries;
        MoreTries = 0;
        return n;
    }

    /// <summary>An address for set_current_peer: an IP literal only, as ngx_lua parses it without resolving.</summary>
    public static UpstreamAddress? Literal(string host, int port)
    {
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var ip)) return null;
        string name = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]:{port}" : $"{ip}:{port}";
        var server = new UpstreamServer { Text = name };
        return new UpstreamAddress { Server = server, EndPoint = new IPEndPoint(ip, port), Name = name };
    }
}
