using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// The replacement string of ngx.re.sub/gsub as ngx_lua compiles it: $0..$N and ${N} insert
/// captures (any number of digits; a capture that did not take part inserts nothing), $$ is a
/// dollar sign, and any other '$' makes the template invalid.
/// </summary>
internal sealed class ReplacementTemplate
{
    // Literal runs (a byte array) and capture numbers (boxed ints), in order.
    private readonly object[] _parts;

    private ReplacementTemplate(object[] parts) => _parts = parts;

    public static ReplacementTemplate? Compile(ReadOnlySpan<byte> text)
    {
        var parts = new List<object>();
        var literal = new List<byte>();
        int i = 0;
        while (i < text.Length)
        {
            byte c = text[i];
            if (c != '$')
            {
                literal.Add(c);
                i++;
                continue;
            }
            i++;
            if (i >= text.Length) return null;
            if (text[i] == '$')
            {
                literal.Add((byte)'$');
                i++;
                continue;
            }
            bool braced = text[i] == '{';
            if (braced) i++;
            int start = i;
            long n = 0;
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
            {
                n = Math.Min(n * 10 + (text[i] - '0'), int.MaxValue);
                i++;
            }
            if (i == start) return null;
            if (braced)
            {
                if (i >= text.Length || text[i] != '}') return null;
                i++;
            }
            if (literal.Count > 0)
            {
                parts.Add(literal.ToArray());
                literal.Clear();
            }
            parts.Add((int)n);
        }
        if (literal.Count > 0) parts.Add(literal.ToArray());
        return new ReplacementTemplate(parts.ToArray());
    }

    /// <summary>Appends the expansion for one match (<paramref name="ovector"/> holds byte offsets, -1 unset; <paramref name="rc"/> as pcre_exec's).</summary>
    public void Expand(List<byte> output, ReadOnlySpan<byte> subject, int[] ovector, int rc)
    {
        foreach (var part in _parts)
        {
            if (part is byte[] bytes)
            {
                output.AddRange(bytes);
                continue;
            }
            int n = (int)part;
            if (n >= rc || 2 * n + 1 >= ovector.Length) continue;
            int from = ovector[2 * n], to = ovector[2 * n + 1];
            if (from < 0 || to < 0) continue;
            foreach (byte b in subject[from..to]) output.Add(b);
        }
    }
}
