using System.Text.RegularExpressions;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;

namespace Tidegate.Web.Map;

/// <summary>
/// One map block: the source template, exact keys (matched ignoring case, as nginx lowercases
/// both sides), hostname wildcards, regexes in order, and the default. The result is evaluated
/// when the variable is first read in a request and cached unless the map is volatile.
/// </summary>
public sealed class MapDefinition
{
    public required VariableTemplate Source { get; init; }
    public Dictionary<string, VariableTemplate> Exact { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>hostnames: "*.example.com"/".example.com" (suffix) and "www.example.*" (prefix) keys.</summary>
    public List<(string Pattern, bool Suffix, VariableTemplate Value)> Wildcards { get; } = new();
    public List<(Regex Pattern, VariableTemplate Value)> Regexes { get; } = new();
    public VariableTemplate Default { get; set; } = VariableTemplate.Literal("");
    public bool HasDefault { get; set; }
    public bool Hostnames { get; set; }
    public bool Volatile { get; set; }

    public string Evaluate(RequestContext ctx)
    {
        string source = Source.Evaluate(ctx);
        if (Hostnames && source.EndsWith('.')) source = source[..^1];
        if (Exact.TryGetValue(source, out var exact)) return exact.Evaluate(ctx);
        if (Hostnames)
        {
            VariableTemplate? best = null;
            int bestLength = -1;
            foreach (var (pattern, suffix, value) in Wildcards)
            {
                bool matches = suffix
                    ? source.EndsWith(pattern, StringComparison.OrdinalIgnoreCase) || (pattern.StartsWith('.') && source.Equals(pattern[1..], StringComparison.OrdinalIgnoreCase))
                    : source.StartsWith(pattern, StringComparison.OrdinalIgnoreCase);
                if (matches && pattern.Length > bestLength) { best = value; bestLength = pattern.Length; }
            }
            if (best is not null) return best.Evaluate(ctx);
        }
        foreach (var (pattern, value) in Regexes)
        {
            var match = pattern.Match(source);
            if (!match.Success) continue;
            // As nginx, the match's captures become the request's $1..$9.
            ctx.Captures = match;
            return value.Evaluate(ctx);
        }
        return Default.Evaluate(ctx);
    }
}
