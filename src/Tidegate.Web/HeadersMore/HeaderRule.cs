using Tidegate.Web.Hosting;

namespace Tidegate.Web.HeadersMore;

/// <summary>
/// One more_set_headers / more_clear_headers / more_*_input_headers directive: the headers it
/// sets (a null value clears) and its -s status and -t content-type filters.
/// </summary>
public sealed class HeaderRule
{
    public List<(string Name, VariableTemplate? Value)> Headers { get; } = new();
    /// <summary>-s: statuses it applies to (empty = any).</summary>
    public List<int> Statuses { get; } = new();
    /// <summary>-t: content types it applies to (empty = any).</summary>
    public List<string> Types { get; } = new();
    /// <summary>-r (input headers): only replace headers that exist.</summary>
    public bool ReplaceOnly { get; set; }

    public bool TypeMatches(string? contentType)
    {
        if (Types.Count == 0) return true;
        if (contentType is null) return false;
        int semicolon = contentType.IndexOf(';');
        string bare = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        foreach (var t in Types)
            if (t.Equals(bare, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>A name ending in '*' matches every header that starts with the rest (any case).</summary>
    public static bool NameMatches(string pattern, string name) =>
        pattern.EndsWith('*')
            ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : name.Equals(pattern, StringComparison.OrdinalIgnoreCase);
}
