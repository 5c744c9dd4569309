using System.Globalization;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Splits C declaration text into tokens, as LuaJIT's C parser lexes: identifiers, integer literals
/// (decimal, hex, octal with u/l suffixes), character and string literals, punctuators. Comments are
/// skipped; preprocessor lines other than <c>#pragma pack</c> are skipped as LuaJIT skips them.
/// </summary>
public sealed class CLexer
{
    private readonly string _src;
    private int _pos;

    /// <summary>The line the last token returned by <see cref="Next"/> started on (1-based).</summary>
    public int TokenLine { get; private set; } = 1;
    private int _line = 1;

    public CLexer(string source) => _src = source;

    /// <summary>Set when the next token is the start of a <c>#pragma</c> line ("pragma" identifier follows).</summary>
    public CToken Next() => Scan() with { Line = TokenLine };

    private CToken Scan()
    {
        while (true)
        {
            SkipBlanks();
            TokenLine = _line;
            if (_pos >= _src.Length) return new CToken(CTokenKind.Eof, "");
            char c = _src[_pos];
            if (c == '#')
            {
                // A '#' line: "#pragma ..." is returned as tokens ('#', then the line); other lines are skipped.
                int save = _pos;
                _pos++;
                SkipSpacesOnLine();
                if (string.CompareOrdinal(_src, _pos, "pragma", 0, 6) == 0) return new CToken(CTokenKind.Punct, "#");
                _pos = save;
                while (_pos < _src.Length && _src[_pos] != '\n') _pos++;
                continue;
            }
            if (IsIdentStart(c))
            {
                int start = _pos;
                while (_pos < _src.Length && IsIdentPart(_src[_pos])) _pos++;
                return new CToken(CTokenKind.Identifier, _src[start.._pos]);
            }
            if (char.IsAsciiDigit(c)) return Number();
            if (c == '\'' || c == '"') return Quoted(c);
            foreach (var p in Punctuators)
                if (string.CompareOrdinal(_src, _pos, p, 0, p.Length) == 0)
                {
                    _pos += p.Length;
                    return new CToken(CTokenKind.Punct, p);
                }
            _pos++;
            return new CToken(CTokenKind.Punct, c.ToString());
        }
    }

    private static readonly string[] Punctuators =
        { "...", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "->" };

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > 127;
    private static bool IsIdentPart(char c) => IsIdentStart(c) || char.IsAsciiDigit(c);

    private void SkipSpacesOnLine()
    {
        while (_pos < _src.Length && (_src[_pos] == ' ' || _src[_pos] == '\t')) _pos++;
    }

    private void SkipBlanks()
    {
        while (_pos < _src.Length)
        {
            char c = _src[_pos];
            if (c == '\n') _line++;
            if (c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v') { _pos++; continue; }
            if (c == '/' && _pos + 1 < _src.Length && _src[_pos + 1] == '/')
            {
                while (_pos < _src.Length && _src[_pos] != '\n') _pos++;
                continue;
            }
            if (c == '/' && _pos + 1 < _src.Length && _src[_pos + 1] == '*')
            {
                int end = _src.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                int stop = end < 0 ? _src.Length : end + 2;
                for (int k = _pos; k < stop; k++) if (_src[k] == '\n') _line++;
                _pos = stop;
                continue;
            }
            break;
        }
    }

    private CToken Number()
    {
        int start = _pos;
        while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] == '.')) _pos++;
        string text = _src[start.._pos];
        // LuaJIT's C lexer takes only the u/U suffix; "5L" is a malformed number there.
        string digits = text.TrimEnd('u', 'U');
        bool unsigned = text.AsSpan(digits.Length).ContainsAny('u', 'U');
        ulong value;
        bool ok;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            ok = ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        else if (digits.Length > 1 && digits[0] == '0')
        {
            value = 0;
            ok = true;
            foreach (char d in digits.AsSpan(1))
            {
                if (d < '0' || d > '7') { ok = false; break; }
                value = value * 8 + (ulong)(d - '0');
            }
        }
        else ok = ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) throw new CDeclException($"malformed number near '{text}'");
        return new CToken(CTokenKind.Integer, text, (long)value, unsigned || value > int.MaxValue && value > uint.MaxValue);
    }

    private CToken Quoted(char quote)
    {
        int start = ++_pos;
        var sb = new System.Text.StringBuilder();
        while (_pos < _src.Length && _src[_pos] != quote)
        {
            char c = _src[_pos++];
            if (c == '\\' && _pos < _src.Length)
            {
                char e = _src[_pos++];
                sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', 'a' => '\a', 'b' => '\b', 'f' => '\f', 'v' => '\v', _ => e });
            }
            else sb.Append(c);
        }
        if (_pos >= _src.Length) throw new CDeclException($"unfinished {(quote == '"' ? "string" : "character constant")} near '{_src[(start - 1)..]}'");
        _pos++;
        string text = sb.ToString();
        return quote == '"'
            ? new CToken(CTokenKind.String, text)
            : new CToken(CTokenKind.Char, text, text.Length > 0 ? (sbyte)text[0] : 0);
    }
}
