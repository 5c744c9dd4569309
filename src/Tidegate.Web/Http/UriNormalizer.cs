using System.Text;

namespace Tidegate.Web.Http;

/// <summary>
/// nginx's ngx_http_parse_complex_uri, in effect: decode %XX, merge slashes (merge_slashes on),
/// resolve "." and ".." segments. A ".." above the root, a bad %-escape or a decoded NUL makes
/// the request invalid (null), which nginx answers with 400.
/// </summary>
public static class UriNormalizer
{
    public static string? Normalize(string raw, bool mergeSlashes)
    {
        // Most paths need nothing done: no escapes, no "." or ".." segments, no slashes to merge.
        if (IsNormal(raw, mergeSlashes)) return raw;
        var decoded = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2])) return null;
                char value = (char)Convert.ToInt32(raw.Substring(i + 1, 2), 16);
                if (value == '\0') return null;
                decoded.Append(value);
                i += 2;
            }
            else decoded.Append(c);
        }

        var segments = new List<string>();
        string text = decoded.ToString();
        var parts = text.Split('/');
        // parts[0] is "" (the path starts with '/').
        for (int i = 1; i < parts.Length; i++)
        {
            string part = parts[i];
            bool last = i == parts.Length - 1;
            if (part == ".")
            {
                if (last) segments.Add("");
                continue;
            }
            if (part == "..")
            {
                if (segments.Count == 0) return null;
                segments.RemoveAt(segments.Count - 1);
                if (last) segments.Add("");
                continue;
            }
            if (part.Length == 0 && mergeSlashes && !last) continue;
            segments.Add(part);
        }
        return "/" + string.Join('/', segments);
    }

    private static bool IsNormal(string raw, bool mergeSlashes)
    {
        if (raw.Length == 0 || raw[0] != '/' || raw.Contains('%')) return false;
        if (mergeSlashes && raw.Contains("//", StringComparison.Ordinal)) return false;
        for (int slash = raw.IndexOf("/.", StringComparison.Ordinal); slash >= 0; slash = raw.IndexOf("/.", slash + 1, StringComparison.Ordinal))
        {
            int after = slash + 2;
            if (after < raw.Length && raw[after] == '.') after++;
            if (after == raw.Length || raw[after] == '/') return false;
        }
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
