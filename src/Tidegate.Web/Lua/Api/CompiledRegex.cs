using System.Text;
using System.Text.RegularExpressions;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// A pattern compiled for ngx.re (ngx_lua's ngx_http_lua_regex_t): the .NET regex, PCRE's capture
/// count and name table, and an exec that works on byte strings and answers as pcre_exec does
/// (rc = 1 + the highest capture set, -1 no match, negative PCRE error codes, byte offsets).
/// Subjects are matched as Latin-1 text (one char per byte, so offsets are byte offsets) or, with
/// 'u', as decoded UTF-8 whose char offsets map back to bytes.
/// </summary>
internal sealed class CompiledRegex
{
    public const int ErrorNoMatch = -1, ErrorMatchLimit = -8, ErrorBadUtf8 = -10, ErrorBadUtf8Offset = -11, ErrorBadOffset = -24;
    private const int MaxErrorLength = 127; // ngx_lua's 128-byte error buffer, less its NUL

    private readonly Regex _regex;
    private readonly Regex? _longest; // DFA mode: the pattern anchored at a start, searched right to left
    public RegexFlags Flags { get; }
    /// <summary>Capture groups as ngx_lua reports them (0 in DFA mode, which has none).</summary>
    public int CaptureCount { get; }
    private readonly int _groupCount;
    public IReadOnlyList<(string Name, int Number)> Names { get; }
    public ReplacementTemplate? Template { get; set; }

    private CompiledRegex(Regex regex, Regex? longest, RegexFlags flags, int groups, List<(string, int)> names)
    {
        _regex = regex;
        _longest = longest;
        Flags = flags;
        _groupCount = groups;
        CaptureCount = flags.Dfa ? 0 : groups;
        Names = names;
    }

    /// <summary>Compiles, or returns ngx_lua's message ("pcre_compile() failed: ... in \"...\" at \"...\"").</summary>
    public static CompiledRegex? Compile(byte[] pattern, RegexFlags flags, TimeSpan timeout, bool compileToIl, out byte[]? error)
    {
        error = null;
        string text;
        Func<int, int> byteOffset;
        if (flags.Utf8)
        {
            if (!Utf8Text.TryDecode(pattern, out text, out int[] offsets, out int badAt))
            {
                error = CompileError(pattern, "invalid UTF-8 string", badAt);
                return null;
            }
            byteOffset = i => offsets[i];
        }
        else
        {
            text = Encoding.Latin1.GetString(pattern);
            byteOffset = i => i;
        }
        PcreTranslator translated;
        try
        {
            translated = PcreTranslator.Translate(text, flags, byteOffset);
        }
        catch (PcreCompileException e)
        {
            error = CompileError(pattern, e.Message, e.Offset);
            return null;
        }
        var options = RegexOptions.CultureInvariant;
        if (flags.Caseless) options |= RegexOptions.IgnoreCase;
        if (flags.Multiline) options |= RegexOptions.Multiline;
        if (flags.DotAll) options |= RegexOptions.Singleline;
        if (compileToIl) options |= RegexOptions.Compiled;
        string body = translated.Result;
        try
        {
            var regex = new Regex(flags.Anchored ? "\\G(?:" + body + ")" : body, options, timeout);
            Regex? longest = flags.Dfa ? new Regex("\\A(?:" + body + ")", options | RegexOptions.RightToLeft, timeout) : null;
            return new CompiledRegex(regex, longest, flags, translated.CaptureCount, translated.Names);
        }
        catch (ArgumentException e)
        {
            // A pattern PCRE's syntax allows but .NET's refuses: say which engine refused it.
            error = CompileError(pattern, ".NET regex engine refused the pattern: " + e.Message, pattern.Length);
            return null;
        }
    }

    private static byte[] CompileError(byte[] pattern, string message, int offset)
    {
        var sb = new List<byte>();
        sb.AddRange(Encoding.UTF8.GetBytes("pcre_compile() failed: " + message + " in \""));
        sb.AddRange(pattern);
        sb.Add((byte)'"');
        if (offset < pattern.Length)
        {
            sb.AddRange(" at \""u8.ToArray());
            sb.AddRange(pattern.AsSpan(offset).ToArray());
            sb.Add((byte)'"');
        }
        if (sb.Count > MaxErrorLength) sb.RemoveRange(MaxErrorLength, sb.Count - MaxErrorLength);
        return sb.ToArray();
    }

    /// <summary>A new ovector sized for this pattern: start/end byte offsets of each capture.</summary>
    public int[] NewOvector() => new int[2 * (_groupCount + 1)];

    /// <summary>pcre_exec (pcre_dfa_exec with 'd') from byte offset <paramref name="start"/>.</summary>
    public int Exec(RegexSubject subject, int start, int[] ovector)
    {
        if (start < 0 || start > subject.ByteLength) return ErrorBadOffset;
        if (Flags.Utf8 && subject.Utf8Error) return ErrorBadUtf8;
        int charStart = subject.CharIndexOf(start);
        if (charStart < 0) return ErrorBadUtf8Offset;
        Match m;
        try
        {
            m = _regex.Match(subject.Text, charStart);
            if (m.Success && _longest is not null)
            {
                var longest = _longest.Match(subject.Text, m.Index, subject.Text.Length - m.Index);
                if (longest.Success && longest.Index == m.Index && longest.Length > m.Length) m = longest;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return ErrorMatchLimit;
        }
        if (!m.Success) return ErrorNoMatch;
        Array.Fill(ovector, -1);
        ovector[0] = subject.ByteOffsetOf(m.Index);
        ovector[1] = subject.ByteOffsetOf(m.Index + m.Length);
        if (Flags.Dfa) return 1;
        int rc = 1;
        for (int g = 1; g <= _groupCount; g++)
        {
            var group = m.Groups[g];
            if (!group.Success) continue;
            ovector[2 * g] = subject.ByteOffsetOf(group.Index);
            ovector[2 * g + 1] = subject.ByteOffsetOf(group.Index + group.Length);
            rc = g + 1;
        }
        return rc;
    }
}

/// <summary>A subject prepared once for repeated execs (gmatch, gsub, split): its text and offset maps.</summary>
internal sealed class RegexSubject
{
    public string Text { get; }
    public int ByteLength { get; }
    public bool Utf8Error { get; }
    private readonly int[]? _byteOfChar; // UTF-8 mode: byte offset of each char index (and of the end)
    private readonly int[]? _charOfByte; // UTF-8 mode: char index of each byte offset, -1 inside a character

    public RegexSubject(byte[] bytes, bool utf8)
    {
        ByteLength = bytes.Length;
        if (!utf8)
        {
            Text = Encoding.Latin1.GetString(bytes);
            return;
        }
        if (!Utf8Text.TryDecode(bytes, out string text, out int[] byteOfChar, out _))
        {
            Utf8Error = true;
            Text = "";
            return;
        }
        Text = text;
        _byteOfChar = byteOfChar;
        _charOfByte = new int[bytes.Length + 1];
        Array.Fill(_charOfByte, -1);
        for (int c = byteOfChar.Length - 1; c >= 0; c--) _charOfByte[byteOfChar[c]] = c;
    }

    public int CharIndexOf(int byteOffset) => _charOfByte is null ? byteOffset : _charOfByte[byteOffset];
    public int ByteOffsetOf(int charIndex) => _byteOfChar is null ? charIndex : _byteOfChar[charIndex];
}

/// <summary>Strict UTF-8 decoding with a char-to-byte offset map (PCRE's UTF-8 validity rules).</summary>
internal static class Utf8Text
{
    public static bool TryDecode(byte[] bytes, out string text, out int[] byteOfChar, out int badAt)
    {
        var sb = new StringBuilder(bytes.Length);
        var map = new List<int>(bytes.Length + 1);
        badAt = -1;
        int i = 0;
        while (i < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(i), out var rune, out int consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                badAt = i;
                text = "";
                byteOfChar = [];
                return false;
            }
            map.Add(i);
            if (rune.IsBmp) sb.Append((char)rune.Value);
            else
            {
                // Both halves of a surrogate pair map to the character's first byte.
                sb.Append(char.ConvertFromUtf32(rune.Value));
                map.Add(i);
            }
            i += consumed;
        }
        map.Add(bytes.Length);
        text = sb.ToString();
        byteOfChar = map.ToArray();
        return true;
    }
}
