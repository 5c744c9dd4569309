using Tidegate.Web.Http;

namespace Tidegate.Web.HeadersMore;

/// <summary>
/// more_set_input_headers / more_clear_input_headers: run in the rewrite phase after the
/// rewrite module's directives (checked on nginx: "set $v $http_x" sees the old value) and before rewrite_by_lua.
/// Host also changes $host.
/// </summary>
public static class InputHeadersStep
{
    public static void Run(RequestContext ctx)
    {
        if (ctx.Settings.MoreInputRules is not { } rules) return;
        var request = ctx.Request;
        foreach (var rule in rules)
        {
            if (!rule.TypeMatches(request.Header("Content-Type"))) continue;
            foreach (var (name, template) in rule.Headers)
            {
                string? value = template?.Evaluate(ctx);
                if (value is { Length: 0 }) value = null;
                bool exists = request.Headers.Exists(h => HeaderRule.NameMatches(name, h.Key));
                if (rule.ReplaceOnly && !exists) continue;
                int first = -1;
                for (int i = request.Headers.Count - 1; i >= 0; i--)
                {
                    if (!HeaderRule.NameMatches(name, request.Headers[i].Key)) continue;
                    if (value is null) { request.Headers.RemoveAt(i); continue; }
                    if (first >= 0) request.Headers.RemoveAt(first);
                    first = i;
                }
                if (value is not null)
                {
                    if (first >= 0) request.Headers[first] = new(request.Headers[first].Key, value);
                    else request.Headers.Add(new(name, value));
                }
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    request.Host = value?.ToLowerInvariant();
                    request.RawHost = value;
                }
            }
        }
    }
}
