namespace Tidegate.Web.Http;

/// <summary>nginx's Range parser (ngx_http_range_parse): "bytes=" then a-b, a- and -n specs.</summary>
public static class ByteRanges
{
    /// <summary>null: not a range nginx acts on (ignored, 200); empty: unsatisfiable (416); else the ranges.</summary>
    public static List<(long From, long To)>? Parse(string header, long size)
    {
        if (!header.StartsWith("bytes=", StringComparison.Ordinal)) return null;
        var result = new List<(long, long)>();
        foreach (var raw in header[6..].Split(','))
        {
            string spec = raw.Trim(' ');
            int dash = spec.IndexOf('-');
            if (dash < 0) return null;
            string a = spec[..dash].Trim(' '), b = spec[(dash + 1)..].Trim(' ');
            long from, to;
            if (a.Length == 0)
            {
                if (!long.TryParse(b, out long suffix) || !b.All(char.IsAsciiDigit)) return null;
                if (suffix == 0) continue;
                from = Math.Max(0, size - suffix);
                to = size - 1;
            }
            else
            {
                if (!a.All(char.IsAsciiDigit) || !long.TryParse(a, out from)) return null;
                if (b.Length == 0) to = size - 1;
                else
                {
                    if (!b.All(char.IsAsciiDigit) || !long.TryParse(b, out to)) return null;
                    if (to < from) return null;
                    if (to >= size) to = size - 1;
                }
                if (from >= size) continue;
            }
            result.Add((from, to));
        }
        return result;
    }
}
