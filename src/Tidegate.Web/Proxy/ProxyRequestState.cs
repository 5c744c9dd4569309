using System.Globalization;
using Tidegate.Web.Http;

namespace Tidegate.Web.Proxy;

/// <summary>
/// What a proxied request learned about its upstream(s), for $upstream_* and $proxy_host: one
/// entry per attempt (address, status, times), and the headers of the response that was used.
/// </summary>
public sealed class ProxyRequestState
{
    public string ProxyHost { get; set; } = "";
    public string ProxyPort { get; set; } = "";
    /// <summary>Sized for the usual one attempt (a list's first growth makes room for four).</summary>
    public List<UpstreamAttempt> Attempts { get; } = new(1);
    public UpstreamResponseHead? Response { get; set; }

    /// <summary>
    /// The request's state, made on first use. It lives in its own field of the context, not in the
    /// module-state dictionary: that dictionary keeps a request's objects from serving the
    /// connection's next request, and a proxied request leaves nothing behind.
    /// </summary>
    public static ProxyRequestState For(RequestContext ctx) => ctx.ProxyState ??= new ProxyRequestState();

    public static ProxyRequestState? Find(RequestContext ctx) => ctx.ProxyState;
}

/// <summary>One try at an upstream server.</summary>
public sealed class UpstreamAttempt
{
    public required string Address { get; init; }
    /// <summary>
    /// When the attempt began, on the worker turn's clock (<see cref="Runtime.WorkerClock"/>), as nginx times
    /// upstreams with its cached ngx_current_msec: four clock reads per proxied request were the clock's whole cost.
    /// </summary>
    public long Started { get; } = Runtime.WorkerClock.Timestamp;
    /// <summary>The status it answered, or nginx's 502/504 for a failure; null while none.</summary>
    public int? Status { get; set; }
    public double? ConnectTime { get; set; }
    public double? HeaderTime { get; set; }
    public double? ResponseTime { get; set; }
    public long ResponseLength { get; set; }

    public double Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(Started, Runtime.WorkerClock.Timestamp).TotalSeconds;

    public static string Seconds(double? s) => s is double v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
