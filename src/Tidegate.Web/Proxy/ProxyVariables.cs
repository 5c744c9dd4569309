using System.Globalization;
using Tidegate.Web.Http;

namespace Tidegate.Web.Proxy;

/// <summary>
/// The proxy and upstream modules' variables: $proxy_host, $proxy_port,
/// $proxy_add_x_forwarded_for, and $upstream_addr/_status/_response_time/_connect_time/
/// _header_time/_response_length/_http_NAME (several attempts are joined with ", ").
/// </summary>
public sealed class ProxyVariables : IVariableProvider
{
    public bool TryGet(RequestContext ctx, string name, out string? value)
    {
        value = null;
        if (name == "proxy_add_x_forwarded_for")
        {
            string? existing = ctx.GetVariable("http_x_forwarded_for");
            value = existing is null ? ctx.Connection.RemoteAddress : existing + ", " + ctx.Connection.RemoteAddress;
            return true;
        }
        if (!name.StartsWith("proxy_", StringComparison.Ordinal) && !name.StartsWith("upstream_", StringComparison.Ordinal)) return false;
        var state = ProxyRequestState.Find(ctx);
        switch (name)
        {
            case "proxy_host": value = state?.ProxyHost; return true;
            case "proxy_port": value = state?.ProxyPort; return true;
            case "upstream_addr": value = Join(state, a => a.Address); return true;
            case "upstream_status": value = Join(state, a => a.Status?.ToString(CultureInfo.InvariantCulture) ?? "-"); return true;
            case "upstream_response_time": value = Join(state, a => UpstreamAttempt.Seconds(a.ResponseTime ?? a.Elapsed)); return true;
            case "upstream_connect_time": value = Join(state, a => UpstreamAttempt.Seconds(a.ConnectTime)); return true;
            case "upstream_header_time": value = Join(state, a => UpstreamAttempt.Seconds(a.HeaderTime)); return true;
            case "upstream_response_length": value = Join(state, a => a.ResponseLength.ToString(CultureInfo.InvariantCulture)); return true;
        }
        if (name.StartsWith("upstream_http_", StringComparison.Ordinal))
        {
            value = state?.Response is { } head ? HeaderNamed(head, name[14..]) : null;
            return true;
        }
        return false;
    }

    private static string? Join(ProxyRequestState? state, Func<UpstreamAttempt, string> part) =>
        state is null || state.Attempts.Count == 0 ? null : string.Join(", ", state.Attempts.Select(part));

    private static string? HeaderNamed(UpstreamResponseHead head, string key)
    {
        foreach (var h in head.Headers)
        {
            if (h.Key.Length != key.Length) continue;
            bool same = true;
            for (int i = 0; i < key.Length && same; i++)
            {
                char c = char.ToLowerInvariant(h.Key[i]);
                if (c == '-') c = '_';
                same = c == key[i];
            }
            if (same) return h.Value;
        }
        return null;
    }
}
