using System.Globalization;
using System.Text;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// Rewrites a PCRE 8 pattern (as ngx_lua compiles it: no UCP, so \d \w \s \b are ASCII) into an
/// equivalent System.Text.RegularExpressions pattern. Groups are numbered as PCRE numbers them (named
/// groups become plain groups, their names kept in <see cref="Names"/>), character classes are spelt
/// out, possessive quantifiers become atomic groups, and PCRE's syntax errors are reported with
/// pcre_compile's message and offset. Constructs .NET cannot honour (\K, recursion, branch reset,
/// backtracking verbs, ungreedy mode, callouts) are refused with a message saying so.
/// The pattern arrives as chars: Latin-1 (one char per byte) or, in UTF-8 mode, decoded UTF-16;
/// <paramref name="byteOffset"/> maps a char index back to the pattern's byte offset.
/// </summary>
internal sealed class PcreTranslator
{
    private const string WordClass = "A-Za-z0-9_";
    private const string WordBoundary = "(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))";
    private const string NotWordBoundary = "(?:(?<=[A-Za-z0-9_])(?=[A-Za-z0-9_])|(?<![A-Za-z0-9_])(?![A-Za-z0-9_]))";

    private readonly string _p;
    private readonly bool _utf;
    private readonly bool _dupNamesAllowed;
    private readonly Func<int, int> _byteOffset;
    private readonly int _maxChar;
    private readonly StringBuilder _out = new();
    private int _i;

    // The (x, i) modes of each open group: inline options last until the enclosing group closes.
    private readonly Stack<(bool Extended, bool Caseless)> _modes = new();
    private bool _extended, _caseless, _dupNames;
    private int _lastAtomStart = -1; // where the last quantifiable item starts in _out; -1: none
    private int _openGroups;

    public int CaptureCount { get; private set; }
    public List<(string Name, int Number)> Names { get; } = [];
    private readonly List<(string Name, int Number)>? _knownNames;
    private readonly int _knownCaptureCount;

    private PcreTranslator(string pattern, RegexFlags flags, Func<int, int> byteOffset,
        List<(string, int)>? knownNames, int knownCaptureCount)
    {
        _p = pattern;
        _utf = flags.Utf8;
        _maxChar = _utf ? 0xFFFF : 0xFF;
        _extended = flags.Extended;
        _caseless = flags.Caseless;
        _dupNamesAllowed = flags.DupNames;
        _dupNames = flags.DupNames;
        _byteOffset = byteOffset;
        _knownNames = knownNames;
        _knownCaptureCount = knownCaptureCount;
    }

    /// <summary>
    /// Translates <paramref name="pattern"/>; the first pass finds every group (references may point
    /// forward), the second resolves references against them.
    /// </summary>
    public static PcreTranslator Translate(string pattern, RegexFlags flags, Func<int, int> byteOffset)
    {
        var first = new PcreTranslator(pattern, flags, byteOffset, null, -1);
        first.Run();
        var second = new PcreTranslator(pattern, flags, byteOffset, first.Names, first.CaptureCount);
        second.Run();
        return second;
    }

    public string Result => _out.ToString();

    private PcreCompileException Error(string message, int charIndex) => new(message, _byteOffset(Math.Min(charIndex, _p.Length)));

    private PcreCompileException Unsupported(string what) =>
        new($"{what} is not supported by tidegate (.NET regular expressions)", _byteOffset(_p.Length));

    private bool More => _i < _p.Length;
    private char Peek(int ahead = 0) => _i + ahead < _p.Length ? _p[_i + ahead] : '\0';

    private void Run()
    {
        while (More)
        {
            char c = _p[_i];
            if (_extended && IsPcreSpace(c)) { _i++; continue; }
            if (_extended && c == '#')
            {
                while (More && _p[_i] != '\n') _i++;
                continue;
            }
            switch (c)
            {
                case '\\': Escape(); break;
                case '[': CharacterClass(); break;
                case '(': OpenGroup(); break;
                case ')': CloseGroup(); break;
                case '|': _out.Append('|'); _i++; _lastAtomStart = -1; break;
                case '^': case '$': _out.Append(c); _i++; _lastAtomStart = -1; break;
                case '.': Atom("."); _i++; break;
                case '*': case '+': case '?': Quantifier(); break;
                case '{':
                    if (IsQuantifierBrace(_i)) Quantifier();
                    else { Atom("\\{"); _i++; }
                    break;
                default: Literal(c); _i++; break;
            }
        }
        if (_openGroups > 0) throw Error("missing )", _p.Length);
        if (_knownNames is not null) CaptureCount = _knownCaptureCount;
    }

    private static bool IsPcreSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private void Atom(string text)
    {
        _lastAtomStart = _out.Length;
        _out.Append(text);
    }

    private void Literal(int c)
    {
        _lastAtomStart = _out.Length;
        // Without UTF-8 mode PCRE folds case for ASCII letters only: keep .NET from folding Latin-1 letters.
        bool protect = !_utf && _caseless && c >= 0x80 && char.ToUpperInvariant((char)c) != char.ToLowerInvariant((char)c);
        if (protect) _out.Append("(?-i:");
        AppendChar(_out, c);
        if (protect) _out.Append(')');
    }

    private static void AppendChar(StringBuilder sb, int c)
    {
        if (c > 0xFFFF)
        {
            string s = char.ConvertFromUtf32(c);
            sb.Append("(?:\\u").Append(((int)s[0]).ToString("X4")).Append("\\u").Append(((int)s[1]).ToString("X4")).Append(')');
        }
        else if (c < 0x80 && char.IsAsciiLetterOrDigit((char)c)) sb.Append((char)c);
        else sb.Append("\\u").Append(c.ToString("X4"));
    }

    // ---- quantifiers ----

    private bool IsQuantifierBrace(int at)
    {
        // {n}, {n,}, {n,m}; anything else is a literal brace in PCRE.
        int j = at + 1;
        int digits = 0;
        while (j < _p.Length && char.IsAsciiDigit(_p[j])) { j++; digits++; }
        if (digits == 0) return false;
        if (j < _p.Length && _p[j] == '}') return true;
        if (j >= _p.Length || _p[j] != ',') return false;
        j++;
        while (j < _p.Length && char.IsAsciiDigit(_p[j])) j++;
        return j < _p.Length && _p[j] == '}';
    }

    private void Quantifier()
    {
        int start = _i;
        if (_lastAtomStart < 0) throw Error("nothing to repeat", start);
        string quantifier;
        if (_p[_i] == '{')
        {
            int close = _p.IndexOf('}', _i);
            string body = _p.Substring(_i + 1, close - _i - 1);
            string[] parts = body.Split(',');
            long min = ParseBound(parts[0], close);
            long max = parts.Length == 1 ? min : parts[1].Length == 0 ? -1 : ParseBound(parts[1], close);
            if (max >= 0 && max < min) throw Error("numbers out of order in {} quantifier", close);
            quantifier = "{" + body + "}";
            _i = close + 1;
        }
        else
        {
            quantifier = _p[_i].ToString();
            _i++;
        }
        if (!IsFixedQuantifier(quantifier) && _lookbehinds.Count > 0)
        {
            var inner = _lookbehinds.Pop();
            _lookbehinds.Push((inner.Lookbehind, true));
        }
        bool possessive = false;
        if (Peek() == '?') { quantifier += "?"; _i++; }
        else if (Peek() == '+') { possessive = true; _i++; }
        if (possessive)
        {
            // X*+ is (?>X*): an atomic group around the item and its quantifier.
            _out.Insert(_lastAtomStart, "(?>");
            _out.Append(quantifier).Append(')');
        }
        else _out.Append(quantifier);
        // A quantified item cannot take another quantifier ("a**" is an error in PCRE).
        _lastAtomStart = -1;
    }

    private static bool IsFixedQuantifier(string q)
    {
        if (!q.StartsWith('{')) return false;
        string[] parts = q[1..q.IndexOf('}')].Split(',');
        return parts.Length == 1 || parts[0] == parts[1];
    }

    private long ParseBound(string digits, int closeIndex)
    {
        if (digits.Length > 5 || long.Parse(digits, CultureInfo.InvariantCulture) > 65535)
            throw Error("number too big in {} quantifier", closeIndex);
        return long.Parse(digits, CultureInfo.InvariantCulture);
    }

    // ---- groups ----

    private void PushGroup()
    {
        _modes.Push((_extended, _caseless));
        _openGroups++;
        _lastAtomStart = -1;
    }

    private void CloseGroup()
    {
        if (_openGroups == 0) throw Error("unmatched parentheses", _i);
        var (lookbehind, variable) = _lookbehinds.Pop();
        if (lookbehind && variable) throw Error("lookbehind assertion is not fixed length", _i);
        if (variable && _lookbehinds.Count > 0)
        {
            var outer = _lookbehinds.Pop();
            _lookbehinds.Push((outer.Lookbehind, true));
        }
        _openGroups--;
        (_extended, _caseless) = _modes.Pop();
        _i++;
        _out.Append(')');
        _lastAtomStart = GroupStarts.Pop();
    }

    private readonly Stack<int> GroupStarts = new();

    // Per open group: is it a lookbehind, and has a variable-length quantifier appeared inside it
    // (PCRE requires each lookbehind branch to have a fixed length; .NET does not, so check here).
    private readonly Stack<(bool Lookbehind, bool Variable)> _lookbehinds = new();

    private void BeginGroup(string text)
    {
        _lookbehinds.Push((text is "(?<=" or "(?<!", false));
        GroupStarts.Push(_out.Length);
        _out.Append(text);
        PushGroup();
    }

    private void OpenGroup()
    {
        int open = _i;
        _i++;
        if (Peek() == '*') throw Unsupported("backtracking control verbs (*...)");
        if (Peek() != '?')
        {
            CaptureCount++;
            BeginGroup("(");
            return;
        }
        _i++;
        char c = Peek();
        switch (c)
        {
            case '#':
                int end = _p.IndexOf(')', _i);
                if (end < 0) throw Error("missing ) after comment", _p.Length);
                _i = end + 1;
                return;
            case ':': case '=': case '!': case '>':
                _i++;
                BeginGroup("(?" + c);
                return;
            case '|': throw Unsupported("branch reset groups (?|...)");
            case 'R': case '&': throw Unsupported("recursion (?R), (?&name)");
            case 'C': throw Unsupported("callouts (?C)");
            case '(': Conditional(); return;
            case 'P':
                _i++;
                if (Peek() == '<') { _i++; NamedGroup('>'); return; }
                if (Peek() == '=') { _i++; NamedReference(')', consumeTerminator: true); return; }
                if (Peek() == '>') throw Unsupported("recursion (?P>name)");
                throw Error("unrecognized character after (?P", _i);
            case '<':
                if (Peek(1) is '=' or '!')
                {
                    _i += 2;
                    BeginGroup("(?<" + _p[_i - 1]);
                    return;
                }
                _i++;
                NamedGroup('>');
                return;
            case '\'':
                _i++;
                NamedGroup('\'');
                return;
        }
        if (char.IsAsciiDigit(c) || c is '+' or '-' && char.IsAsciiDigit(Peek(1)))
            throw Unsupported("subroutine calls (?n)");
        InlineOptions(open);
    }

    private void NamedGroup(char terminator)
    {
        int nameStart = _i;
        if (More && char.IsAsciiDigit(_p[_i])) throw Error("group name must start with a non-digit", _i);
        while (More && (char.IsAsciiLetterOrDigit(_p[_i]) || _p[_i] == '_')) _i++;
        if (!More) throw Error("syntax error in subpattern name (missing terminator)", _p.Length);
        if (_p[_i] != terminator) throw Error("syntax error in subpattern name (missing terminator)", _i);
        string name = _p[nameStart.._i];
        if (name.Length > 32) throw Error("name is too long in (*MARK), (*PRUNE), (*SKIP), or (*THEN)", _i);
        CaptureCount++;
        if (!_dupNames && Names.Exists(n => n.Name == name))
            throw Error("two named subpatterns have the same name", _i);
        Names.Add((name, CaptureCount));
        _i++;
        BeginGroup("(");
    }

    private void Conditional()
    {
        // (?(n)..), (?(<name>)..), (?('name')..), (?(name)..), or an assertion condition.
        _i++;
        if (Peek() == '?' || Peek() == '*')
        {
            BeginGroup("(?");
            return;
        }
        int start = _i;
        char open = Peek();
        if (open is '<' or '\'') _i++;
        int nameStart = _i;
        while (More && (char.IsAsciiLetterOrDigit(_p[_i]) || _p[_i] == '_')) _i++;
        string name = _p[nameStart.._i];
        if (open is '<' or '\'') _i++;
        if (Peek() != ')') throw Error("malformed number or name after (?(", _i);
        _i++;
        if (name == "R" || name.StartsWith('R') && name.Length > 1 && (char.IsAsciiDigit(name[1]) || name[1] == '&'))
            throw Unsupported("recursion conditions (?(R)");
        if (name == "DEFINE") throw Unsupported("(?(DEFINE)...)");
        int number = name.Length > 0 && char.IsAsciiDigit(name[0]) ? int.Parse(name, CultureInfo.InvariantCulture) : ResolveName(name, start);
        BeginGroup("(?(" + number + ")");
    }

    private void InlineOptions(int open)
    {
        bool on = true;
        var dotnetOn = new StringBuilder();
        var dotnetOff = new StringBuilder();
        bool extended = _extended, caseless = _caseless;
        while (true)
        {
            if (!More) throw Error("missing )", _p.Length);
            char c = _p[_i];
            if (c == ')' || c == ':') break;
            switch (c)
            {
                case '-': on = false; break;
                case 'i': caseless = on; (on ? dotnetOn : dotnetOff).Append('i'); break;
                case 'm': (on ? dotnetOn : dotnetOff).Append('m'); break;
                case 's': (on ? dotnetOn : dotnetOff).Append('s'); break;
                case 'x': extended = on; break;
                case 'J': _dupNames = on || _dupNamesAllowed; break;
                case 'X': break; // PCRE_EXTRA: no effect on valid patterns
                case 'U': throw Unsupported("ungreedy mode (?U)");
                default: throw Error("unrecognized character after (? or (?-", _i);
            }
            _i++;
        }
        string options = dotnetOn.ToString() + (dotnetOff.Length > 0 ? "-" + dotnetOff : "");
        if (_p[_i] == ')')
        {
            _i++;
            _extended = extended;
            _caseless = caseless;
            if (options.Length > 0) _out.Append("(?").Append(options).Append(')');
            return;
        }
        _i++;
        BeginGroup("(?" + options + ":");
        _extended = extended;
        _caseless = caseless;
    }

    // ---- references ----

    private int ResolveName(string name, int errorAt)
    {
        var names = _knownNames ?? Names;
        foreach (var (n, number) in names)
            if (n == name) return number;
        if (_knownNames is null) return 1; // first pass: the group may come later
        throw Error("reference to non-existent subpattern", errorAt);
    }

    private void NamedReference(char terminator, bool consumeTerminator)
    {
        int nameStart = _i;
        while (More && (char.IsAsciiLetterOrDigit(_p[_i]) || _p[_i] == '_')) _i++;
        if (!More || _p[_i] != terminator) throw Error("syntax error in subpattern name (missing terminator)", _i);
        string name = _p[nameStart.._i];
        int number = ResolveName(name, _i);
        if (consumeTerminator) _i++;
        else _i++;
        BackReference(number);
    }

    private void BackReference(int number)
    {
        // Unknown numbers are PCRE's error at the end of the pattern (references are checked last).
        if (_knownNames is not null && number > _knownCaptureCount)
            throw Error("reference to non-existent subpattern", _p.Length);
        Atom("(?:\\" + number + ")");
    }

    // ---- escapes ----

    private void Escape()
    {
        int start = _i;
        _i++;
        if (!More) throw Error("\\ at end of pattern", _p.Length);
        char c = _p[_i];
        switch (c)
        {
            case 'd': _i++; Atom("[0-9]"); return;
            case 'D': _i++; Atom("[^0-9]"); return;
            case 'w': _i++; Atom("[" + WordClass + "]"); return;
            case 'W': _i++; Atom("[^" + WordClass + "]"); return;
            case 's': _i++; Atom("[\\t\\n\\x0B\\f\\r ]"); return;
            case 'S': _i++; Atom("[^\\t\\n\\x0B\\f\\r ]"); return;
            case 'h': _i++; Atom(_utf ? "[\\t \\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000]" : "[\\t \\u00A0]"); return;
            case 'H': _i++; Atom(_utf ? "[^\\t \\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000]" : "[^\\t \\u00A0]"); return;
            case 'v': _i++; Atom(_utf ? "[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029]" : "[\\n\\x0B\\f\\r\\u0085]"); return;
            case 'V': _i++; Atom(_utf ? "[^\\n\\x0B\\f\\r\\u0085\\u2028\\u2029]" : "[^\\n\\x0B\\f\\r\\u0085]"); return;
            case 'R': _i++; Atom(_utf ? "(?>\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])" : "(?>\\r\\n|[\\n\\x0B\\f\\r\\u0085])"); return;
            case 'N': _i++; Atom("[^\\n]"); return;
            case 'b': _i++; _out.Append(WordBoundary); _lastAtomStart = -1; return;
            case 'B': _i++; _out.Append(NotWordBoundary); _lastAtomStart = -1; return;
            case 'A': _i++; _out.Append("\\A"); _lastAtomStart = -1; return;
            case 'z': _i++; _out.Append("\\z"); _lastAtomStart = -1; return;
            case 'Z': _i++; _out.Append("\\Z"); _lastAtomStart = -1; return;
            case 'G': _i++; _out.Append("\\G"); _lastAtomStart = -1; return;
            case 'K': throw Unsupported("\\K (resetting the match start)");
            case 'X': throw Unsupported("\\X (extended grapheme clusters)");
            case 'C': throw Unsupported("\\C (a single code unit)");
            case 'p': case 'P': Property(); return;
            case 'Q':
                _i++;
                while (More)
                {
                    if (_p[_i] == '\\' && Peek(1) == 'E') { _i += 2; return; }
                    Literal(_p[_i++]);
                }
                return;
            case 'E': _i++; return;
            case 'g': GReference(); return;
            case 'k':
                _i++;
                char open = Peek();
                char close = open switch { '<' => '>', '\'' => '\'', '{' => '}', _ => '\0' };
                if (close == '\0') throw Error("\\k is not followed by a braced, angle-bracketed, or quoted name", _i);
                _i++;
                NamedReference(close, consumeTerminator: true);
                return;
            case 'L': case 'l': case 'U': case 'u':
                throw Error("PCRE does not support \\L, \\l, \\N{name}, \\U, or \\u", _i + 1);
        }
        if (c >= '1' && c <= '9')
        {
            int j = _i;
            while (j < _p.Length && char.IsAsciiDigit(_p[j])) j++;
            int n = int.Parse(_p.AsSpan(_i, Math.Min(j - _i, 6)), CultureInfo.InvariantCulture);
            int groups = _knownNames is null ? int.MaxValue : _knownCaptureCount;
            if (n < 10 || n <= groups || c >= '8')
            {
                _i = j;
                BackReference(n);
                return;
            }
        }
        Literal(CharacterEscape(inClass: false));
    }

    /// <summary>An escape that stands for one character, at _i (after the backslash); advances past it.</summary>
    private int CharacterEscape(bool inClass)
    {
        char c = _p[_i++];
        switch (c)
        {
            case 'a': return 7;
            case 'e': return 27;
            case 'f': return 12;
            case 'n': return 10;
            case 'r': return 13;
            case 't': return 9;
            case 'b' when inClass: return 8;
            case 'c':
                if (!More) throw Error("\\c at end of pattern", _p.Length);
                return char.ToUpperInvariant(_p[_i++]) ^ 0x40;
            case 'x':
                if (Peek() == '{')
                {
                    int close = _p.IndexOf('}', _i);
                    if (close > _i + 1 && _p.AsSpan(_i + 1, close - _i - 1).ContainsAnyExcept("0123456789abcdefABCDEF") == false)
                    {
                        int v = int.Parse(_p.AsSpan(_i + 1, close - _i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        _i = close + 1;
                        if (v > (_utf ? 0x10FFFF : 0xFF)) throw Error("character value in \\x{} or \\o{} is too large", _i - 1);
                        return v;
                    }
                    return 0; // not a valid \x{...}: \x is NUL and the brace is literal
                }
                int value = 0, digits = 0;
                while (digits < 2 && Uri.IsHexDigit(Peek())) { value = value * 16 + Convert.ToInt32(Peek().ToString(), 16); _i++; digits++; }
                return value;
            case '0':
                int octal = 0, count = 0;
                while (count < 2 && Peek() is >= '0' and <= '7') { octal = octal * 8 + (Peek() - '0'); _i++; count++; }
                return octal;
            case >= '1' and <= '7':
                int o = c - '0', n = 1;
                while (n < 3 && Peek() is >= '0' and <= '7') { o = o * 8 + (Peek() - '0'); _i++; n++; }
                return _utf ? o : o & 0xFF;
        }
        // Any other escaped character stands for itself (PCRE without PCRE_EXTRA).
        return c;
    }

    private void GReference()
    {
        int start = _i;
        _i++;
        if (Peek() == '<' || Peek() == '\'') throw Unsupported("subroutine calls \\g<...>");
        bool braced = Peek() == '{';
        if (braced) _i++;
        bool negative = Peek() == '-';
        if (negative || Peek() == '+') _i++;
        int digitsStart = _i;
        while (More && char.IsAsciiDigit(_p[_i])) _i++;
        if (_i == digitsStart)
        {
            if (!braced) throw Error("a numbered reference must not be zero", _i);
            NamedReference('}', consumeTerminator: true);
            return;
        }
        int n = int.Parse(_p.AsSpan(digitsStart, Math.Min(_i - digitsStart, 6)), CultureInfo.InvariantCulture);
        if (braced)
        {
            if (Peek() != '}') throw Error("\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number", _i);
            _i++;
        }
        if (negative)
        {
            n = CaptureCount - n + 1;
            if (n <= 0) throw Error("reference to non-existent subpattern", braced ? _i - 1 : _i);
        }
        if (n == 0) throw Error("a numbered reference must not be zero", _i);
        BackReference(n);
    }

    private void Property()
    {
        // \p{..} / \pL: passed to .NET, which knows the general categories (not PCRE's script names).
        int start = _i - 1;
        char kind = _p[_i++];
        string name;
        if (Peek() == '{')
        {
            int close = _p.IndexOf('}', _i);
            if (close < 0) throw Error("malformed \\P or \\p sequence", _p.Length);
            name = _p[(_i + 1)..close];
            _i = close + 1;
        }
        else
        {
            if (!More) throw Error("malformed \\P or \\p sequence", _p.Length);
            name = _p[_i++].ToString();
        }
        if (name.StartsWith('^'))
        {
            kind = kind == 'p' ? 'P' : 'p';
            name = name[1..];
        }
        if (name == "Any") { Atom(kind == 'p' ? "[\\s\\S]" : "[^\\s\\S]"); return; }
        if (name is "L&" or "LC") name = "L";
        if (!IsGeneralCategory(name)) throw Error("unknown property name after \\P or \\p", _i - 1);
        Atom("\\" + kind + "{" + name + "}");
    }

    private static bool IsGeneralCategory(string name) => name is "C" or "Cc" or "Cf" or "Cn" or "Co" or "Cs"
        or "L" or "Ll" or "Lm" or "Lo" or "Lt" or "Lu" or "M" or "Mc" or "Me" or "Mn" or "N" or "Nd" or "Nl" or "No"
        or "P" or "Pc" or "Pd" or "Pe" or "Pf" or "Pi" or "Po" or "Ps" or "S" or "Sc" or "Sk" or "Sm" or "So"
        or "Z" or "Zl" or "Zp" or "Zs";

    // ---- character classes ----

    private void CharacterClass()
    {
        int start = _i;
        _i++;
        bool negated = false;
        if (Peek() == '^') { negated = true; _i++; }
        var ranges = new List<(int Lo, int Hi)>();
        var extra = new StringBuilder(); // \p{..} items, kept as .NET syntax
        bool first = true;
        while (true)
        {
            if (!More) throw Error("missing terminating ] for character class", _p.Length);
            char c = _p[_i];
            if (c == ']' && !first) { _i++; break; }
            first = false;
            if (c == '[' && Peek(1) is ':' or '.' or '=' && PosixClass(ranges)) continue;
            int itemStart = _i;
            int lo;
            if (c == '\\')
            {
                _i++;
                if (!More) throw Error("\\ at end of pattern", _p.Length);
                if (ClassEscapeSet(ranges, extra)) continue;
                if (_p[_i] == 'Q')
                {
                    _i++;
                    while (More && !(_p[_i] == '\\' && Peek(1) == 'E')) { ranges.Add((_p[_i], _p[_i])); _i++; }
                    if (More) _i += 2;
                    continue;
                }
                if (_p[_i] == 'E') { _i++; continue; }
                lo = CharacterEscape(inClass: true);
            }
            else
            {
                lo = c;
                _i++;
            }
            // A range a-b (a '-' before ']' or after a set is literal).
            if (Peek() == '-' && Peek(1) != ']' && _i + 1 < _p.Length)
            {
                int save = _i;
                _i++;
                int hi;
                int hiAt = _i;
                if (_p[_i] == '\\')
                {
                    _i++;
                    if (!More) throw Error("\\ at end of pattern", _p.Length);
                    if (_p[_i] is 'd' or 'D' or 'w' or 'W' or 's' or 'S' or 'h' or 'H' or 'v' or 'V' or 'p' or 'P')
                    {
                        // "a-\d": the '-' is literal.
                        _i = save;
                        ranges.Add((lo, lo));
                        continue;
                    }
                    hi = CharacterEscape(inClass: true);
                }
                else if (_p[_i] == '[' && Peek(1) is ':' or '.' or '=')
                {
                    _i = save;
                    ranges.Add((lo, lo));
                    continue;
                }
                else hi = _p[_i++];
                if (hi < lo) throw Error("range out of order in character class", hiAt);
                ranges.Add((lo, hi));
                continue;
            }
            ranges.Add((lo, lo));
        }
        EmitClass(ranges, extra.ToString(), negated);
    }

    /// <summary>\d \D \w \W \s \S \h \H \v \V \p \P inside a class; false for a single-character escape.</summary>
    private bool ClassEscapeSet(List<(int, int)> ranges, StringBuilder extra)
    {
        char c = _p[_i];
        (int, int)[]? set = c switch
        {
            'd' or 'D' => [('0', '9')],
            'w' or 'W' => [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
            's' or 'S' => [('\t', '\r'), (' ', ' ')],
            'h' or 'H' => _utf ? [('\t', '\t'), (' ', ' '), (0xA0, 0xA0), (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200A), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)] : [('\t', '\t'), (' ', ' '), (0xA0, 0xA0)],
            'v' or 'V' => _utf ? [('\n', '\r'), (0x85, 0x85), (0x2028, 0x2029)] : [('\n', '\r'), (0x85, 0x85)],
            _ => null,
        };
        if (set is not null)
        {
            _i++;
            ranges.AddRange(char.IsUpper(c) ? Complement(set, _maxChar) : set);
            return true;
        }
        if (c is 'p' or 'P')
        {
            int mark = _out.Length;
            _i++;
            _i--;
            Property();
            // Property() appended its .NET form to _out: move it into the class.
            string item = _out.ToString(mark, _out.Length - mark);
            _out.Length = mark;
            if (item.StartsWith("[")) item = item[1..^1];
            extra.Append(item);
            return true;
        }
        return false;
    }

    private static readonly Dictionary<string, (int, int)[]> PosixClasses = new()
    {
        ["alpha"] = [('A', 'Z'), ('a', 'z')],
        ["digit"] = [('0', '9')],
        ["alnum"] = [('0', '9'), ('A', 'Z'), ('a', 'z')],
        ["upper"] = [('A', 'Z')],
        ["lower"] = [('a', 'z')],
        ["space"] = [('\t', '\r'), (' ', ' ')],
        ["blank"] = [('\t', '\t'), (' ', ' ')],
        ["cntrl"] = [(0, 31), (127, 127)],
        ["graph"] = [('!', '~')],
        ["print"] = [(' ', '~')],
        ["punct"] = [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        ["xdigit"] = [('0', '9'), ('A', 'F'), ('a', 'f')],
        ["word"] = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
        ["ascii"] = [(0, 127)],
    };

    private bool PosixClass(List<(int, int)> ranges)
    {
        char kind = _p[_i + 1];
        int close = _p.IndexOf(kind + "]", _i + 2, StringComparison.Ordinal);
        if (close < 0) return false;
        if (kind != ':') throw Error("POSIX collating elements are not supported", _i);
        int nameStart = _i + 2;
        bool negated = nameStart < _p.Length && _p[nameStart] == '^';
        string name = _p[(negated ? nameStart + 1 : nameStart)..close];
        if (!PosixClasses.TryGetValue(name, out var set)) throw Error("unknown POSIX class name", nameStart);
        ranges.AddRange(negated ? Complement(set, _maxChar) : set);
        _i = close + 2;
        return true;
    }

    private static IEnumerable<(int, int)> Complement((int Lo, int Hi)[] set, int max)
    {
        var sorted = set.OrderBy(r => r.Lo).ToArray();
        int next = 0;
        foreach (var (lo, hi) in sorted)
        {
            if (lo > next) yield return (next, lo - 1);
            next = Math.Max(next, hi + 1);
        }
        if (next <= max) yield return (next, max);
    }

    private void EmitClass(List<(int Lo, int Hi)> ranges, string extra, bool negated)
    {
        // Without UTF-8 mode a caseless class folds ASCII letters only: add the other case of each
        // ASCII letter explicitly and keep .NET from folding the Latin-1 ones.
        bool protect = !_utf && _caseless && ranges.Exists(r => r.Hi >= 0x80);
        if (protect)
        {
            var folded = new List<(int, int)>(ranges);
            foreach (var (lo, hi) in ranges)
            {
                AddShifted(folded, lo, hi, 'a', 'z', -32);
                AddShifted(folded, lo, hi, 'A', 'Z', 32);
            }
            ranges = folded;
        }
        var sb = new StringBuilder();
        if (protect) sb.Append("(?-i:");
        sb.Append(negated ? "[^" : "[");
        foreach (var (lo, hi) in ranges)
        {
            if (hi > 0xFFFF) throw Unsupported("a character above U+FFFF in a character class");
            AppendClassChar(sb, lo);
            if (hi != lo)
            {
                sb.Append('-');
                AppendClassChar(sb, hi);
            }
        }
        sb.Append(extra);
        sb.Append(']');
        if (protect) sb.Append(')');
        Atom(sb.ToString());
    }

    private static void AddShifted(List<(int, int)> into, int lo, int hi, int from, int to, int shift)
    {
        int a = Math.Max(lo, from), b = Math.Min(hi, to);
        if (a <= b) into.Add((a + shift, b + shift));
    }

    private static void AppendClassChar(StringBuilder sb, int c) => sb.Append("\\u").Append(c.ToString("X4"));
}
