using System.Globalization;
using Tidegate.Web.Http;

namespace Tidegate.Web.HeadersMore;

/// <summary>
/// more_set_headers / more_clear_headers as a header filter. The fields nginx keeps apart
/// (Server, Content-Type, Content-Length, Last-Modified, Location) are changed in place.
/// </summary>
public sealed class MoreHeadersFilter : IHeaderFilter
{
    public void Filter(RequestContext ctx)
    {
        if (ctx.Settings.MoreOutputRules is not { } rules) return;
        var response = ctx.Response;
        foreach (var rule in rules)
        {
            if (rule.Statuses.Count > 0 && !rule.Statuses.Contains(response.Status)) continue;
            if (!rule.TypeMatches(response.ContentType)) continue;
            foreach (var (name, template) in rule.Headers)
            {
                string? value = template?.Evaluate(ctx);
                if (value is { Length: 0 }) value = null;
                Apply(response, name, value);
            }
        }
    }

    private static void Apply(HttpResponse response, string name, string? value)
    {
        bool wildcard = name.EndsWith('*');
        if (!wildcard)
        {
            switch (name.ToLowerInvariant())
            {
                case "server": response.ServerHeader = value ?? ""; return;
                case "content-type": response.ContentType = value; return;
                case "content-length":
                    response.ContentLength = value is not null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;
                    return;
                case "location": response.Location = value; return;
                case "last-modified":
                    response.LastModified = null;
                    if (value is not null) response.Headers.Add(new("Last-Modified", value));
                    return;
            }
        }
        else if (value is null)
        {
            string prefix = name[..^1];
            if ("Server".StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) response.ServerHeader = "";
            if ("Content-Type".StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) response.ContentType = null;
            if ("Location".StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) response.Location = null;
        }
        int first = -1;
        for (int i = response.Headers.Count - 1; i >= 0; i--)
        {
            if (!HeaderRule.NameMatches(name, response.Headers[i].Key)) continue;
            if (value is null || wildcard) { response.Headers.RemoveAt(i); continue; }
            if (first >= 0) response.Headers.RemoveAt(first);
            first = i;
        }
        if (value is null || wildcard) return;
        if (first >= 0) response.Headers[first] = new(response.Headers[first].Key, value);
        else response.Headers.Add(new(name, value));
    }
}
