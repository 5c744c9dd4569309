using System.Text.RegularExpressions;

namespace Tidegate.Web.Config;

/// <summary>
/// glob(3) for <c>include</c>: <c>*</c>, <c>?</c> and <c>[...]</c> in any path segment, results
/// sorted as glob sorts them, hidden files matched only by a pattern starting with a dot; no
/// match is not an error (nginx passes GLOB_NOCHECK-less flags and accepts an empty result).
/// </summary>
public static class ConfigGlob
{
    public static List<string> Expand(string pattern)
    {
        var segments = pattern.Split('/');
        var current = new List<string> { pattern.StartsWith('/') ? "/" : "" };
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            if (segment.Length == 0) continue;
            bool last = i == segments.Length - 1;
            var next = new List<string>();
            foreach (var dir in current)
            {
                if (segment.IndexOfAny(['*', '?', '[']) < 0)
                {
                    next.Add(Path.Combine(dir, segment));
                    continue;
                }
                string lookIn = dir.Length == 0 ? "." : dir;
                if (!Directory.Exists(lookIn)) continue;
                var regex = new Regex("^" + Translate(segment) + "$", RegexOptions.CultureInvariant);
                var names = Directory.EnumerateFileSystemEntries(lookIn).Select(Path.GetFileName)
                    .Where(n => n is not null && regex.IsMatch(n) && (!n.StartsWith('.') || segment.StartsWith('.')))
                    .OrderBy(n => n, StringComparer.Ordinal);
                foreach (var name in names) next.Add(Path.Combine(dir, name!));
            }
            current = next;
            if (!last) current = current.Where(Directory.Exists).ToList();
        }
        return current.Where(File.Exists).ToList();
    }

    private static string Translate(string segment)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else if (c == '[')
            {
                int close = segment.IndexOf(']', i + 1);
                if (close < 0) { sb.Append("\\["); continue; }
                string set = segment.Substring(i + 1, close - i - 1);
                if (set.StartsWith('!')) set = "^" + set[1..];
                sb.Append('[').Append(set.Replace("\\", "\\\\")).Append(']');
                i = close;
            }
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
