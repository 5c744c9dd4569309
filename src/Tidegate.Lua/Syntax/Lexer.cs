using System.Text;

namespace Tidegate.Lua.Syntax;

/// <summary>
/// Turns Lua source bytes into tokens, following LuaJIT's lexer (lj_lex.c) in what it accepts, how
/// it counts lines (\n, \r, \r\n and \n\r each end one line) and how its errors read.
/// </summary>
public sealed class Lexer
{
    private const int Eof = -1;

    private readonly byte[] _src;
    private readonly string _chunkDisplay;
    private int _pos;      // index of the current byte
    private int _c;        // the current byte, or Eof
    private readonly ByteBuilder _buf = new();

    /// <summary>The current line: where the last scanned token ended (LuaJIT's ls->linenumber).</summary>
    public int Line { get; private set; } = 1;

    /// <param name="source">The chunk's bytes (not copied; do not change them while lexing).</param>
    /// <param name="chunkDisplay">The chunk name as shown in messages (see <see cref="ChunkName"/>).</param>
    public Lexer(byte[] source, string chunkDisplay)
    {
        _src = source;
        _chunkDisplay = chunkDisplay;
        _pos = 0;
        _c = source.Length > 0 ? source[0] : Eof;
        SkipHeader();
    }

    /// <summary>True when the source (after an optional BOM or #! line) starts like a bytecode dump.</summary>
    public bool StartsWithBytecodeSignature => _c == 0x1B;

    /// <summary>True when a UTF-8 BOM or a #! line was skipped at the start.</summary>
    public bool HadHeader { get; private set; }

    public string ChunkDisplay => _chunkDisplay;

    private void Next() => _c = ++_pos < _src.Length ? _src[_pos] : Eof;

    private int PeekAt(int offset) => _pos + offset < _src.Length ? _src[_pos + offset] : Eof;

    private void SkipHeader()
    {
        if (_c == 0xEF && PeekAt(1) == 0xBB && PeekAt(2) == 0xBF)
        {
            _pos += 2;
            Next();
            HadHeader = true;
        }
        if (_c == '#')
        {
            // A POSIX "#!" line; it still counts as a line.
            do
            {
                Next();
                if (_c == Eof) { HadHeader = true; return; }
            } while (!CharClass.IsNewline(_c));
            NewLine();
            HadHeader = true;
        }
    }

    private void NewLine()
    {
        int old = _c;
        Next();
        if (CharClass.IsNewline(_c) && _c != old) Next();
        Line++;
    }

    /// <summary>Scans the next token into <paramref name="tok"/>.</summary>
    public void Scan(ref Token tok)
    {
        tok.Name = null;
        tok.String = null;
        for (;;)
        {
            int c = _c;
            if (CharClass.IsIdent(c))
            {
                if (CharClass.IsDigit(c))
                {
                    ScanNumber(ref tok, _pos);
                    return;
                }
                int start = _pos;
                do Next(); while (CharClass.IsIdent(_c));
                var text = _src.AsSpan(start, _pos - start);
                tok.Kind = TokenKinds.Keyword(text);
                tok.Name = Intern(text);
                tok.Start = start;
                tok.Length = text.Length;
                tok.Line = Line;
                return;
            }
            switch (c)
            {
                case '\n':
                case '\r':
                    NewLine();
                    continue;
                case ' ':
                case '\t':
                case '\v':
                case '\f':
                    Next();
                    continue;
                case '-':
                    Next();
                    if (_c != '-') { Single(ref tok, TokenKind.Minus); return; }
                    Next();
                    if (_c == '[')
                    {
                        int level = SkipEquals(out _);
                        if (level >= 0)
                        {
                            ReadLongString(level, isComment: true);
                            continue;
                        }
                    }
                    while (!CharClass.IsNewline(_c) && _c != Eof) Next();
                    continue;
                case '[':
                {
                    int start = _pos;
                    int level = SkipEquals(out int equals);
                    if (level >= 0)
                    {
                        tok.String = ReadLongString(level, isComment: false);
                        tok.Kind = TokenKind.String;
                        tok.Quote = 0;
                        tok.LongLevel = level;
                        tok.Start = start;
                        tok.Line = Line;
                        return;
                    }
                    if (level == -1) { Single(ref tok, TokenKind.LeftBracket); return; }
                    // "[=" not followed by a second "[": the text so far is "[" and the '='s.
                    throw Error("invalid long string delimiter", _src.AsSpan(start, 1 + equals));
                }
                case '=':
                    OneOrTwo(ref tok, '=', TokenKind.Assign, TokenKind.Equal);
                    return;
                case '<':
                    OneOrTwo(ref tok, '=', TokenKind.Less, TokenKind.LessEqual);
                    return;
                case '>':
                    OneOrTwo(ref tok, '=', TokenKind.Greater, TokenKind.GreaterEqual);
                    return;
                case '~':
                    OneOrTwo(ref tok, '=', TokenKind.Tilde, TokenKind.NotEqual);
                    return;
                case ':':
                    OneOrTwo(ref tok, ':', TokenKind.Colon, TokenKind.DoubleColon);
                    return;
                case '"':
                case '\'':
                    tok.Start = _pos;
                    tok.String = ReadString((byte)c);
                    tok.Kind = TokenKind.String;
                    tok.Quote = (byte)c;
                    tok.Line = Line;
                    return;
                case '.':
                {
                    int start = _pos;
                    Next();
                    if (_c == '.')
                    {
                        Next();
                        if (_c == '.') { Next(); Single(ref tok, TokenKind.Dots); }
                        else Single(ref tok, TokenKind.Concat);
                        return;
                    }
                    if (!CharClass.IsDigit(_c)) { Single(ref tok, TokenKind.Dot); return; }
                    ScanNumber(ref tok, start);
                    return;
                }
                case Eof:
                    Single(ref tok, TokenKind.Eof);
                    return;
                default:
                    tok.Start = _pos; // string.dump slices a function from its '(' (see FunctionBody.SourceStart)
                    Next();
                    Single(ref tok, (TokenKind)c);
                    return;
            }
        }
    }

    // Recently seen names, so a name used many times becomes one string (fewer allocations, and
    // later phases compare the same reference). A direct-mapped cache is enough for that.
    private readonly string?[] _names = new string?[1024];

    private string Intern(ReadOnlySpan<byte> text)
    {
        uint h = (uint)text.Length;
        foreach (byte b in text) h = h * 31 + b;
        ref string? slot = ref _names[h & 1023];
        if (slot != null && slot.Length == text.Length)
        {
            int i = 0;
            while (i < text.Length && slot[i] == text[i]) i++;
            if (i == text.Length) return slot;
        }
        return slot = Encoding.Latin1.GetString(text);
    }

    private void Single(ref Token tok, TokenKind kind)
    {
        tok.Kind = kind;
        tok.Line = Line;
    }

    /// <summary>A one-byte token, or the two-byte one when <paramref name="second"/> follows ("=" / "==").</summary>
    private void OneOrTwo(ref Token tok, char second, TokenKind one, TokenKind two)
    {
        Next();
        if (_c != second) { Single(ref tok, one); return; }
        Next();
        Single(ref tok, two);
    }

    // The number's text runs over identifier bytes, dots, and a sign right after an exponent letter
    // ('e', or 'p' in hex); only then is it checked, so "3x" is one malformed number, as in LuaJIT.
    private void ScanNumber(ref Token tok, int start)
    {
        int exponentLetter = 'e';
        int prev = _c;
        if (_c == '0' && (PeekAt(1) | 0x20) == 'x' && _pos == start) exponentLetter = 'p';
        while (CharClass.IsIdent(_c) || _c == '.' || ((_c == '-' || _c == '+') && (prev | 0x20) == exponentLetter))
        {
            prev = _c;
            Next();
        }
        var text = _src.AsSpan(start, _pos - start);
        switch (NumberLiteral.Parse(text, out double value))
        {
            case NumberLiteralKind.Number:
                tok.Kind = TokenKind.Number;
                tok.Number = value;
                tok.Start = start;
                tok.Length = text.Length;
                tok.Line = Line;
                return;
            case NumberLiteralKind.CData:
                // 64-bit integer and imaginary literals stay Number tokens; the parser reads the suffix and makes a cdata literal.
                tok.Kind = TokenKind.Number;
                tok.Number = value;
                tok.Start = start;
                tok.Length = text.Length;
                tok.Line = Line;
                return;
            default:
                throw Error("malformed number", text);
        }
    }

    // At '[' or ']': counts the '='s that follow. Returns the level when the same bracket follows,
    // else -(count)-1. Leaves the current byte on the second bracket (or whatever stopped the count).
    private int SkipEquals(out int count)
    {
        int bracket = _c;
        count = 0;
        Next();
        while (_c == '=') { count++; Next(); }
        return _c == bracket ? count : -count - 1;
    }

    private byte[]? ReadLongString(int level, bool isComment)
    {
        Next(); // the second '['
        if (CharClass.IsNewline(_c)) NewLine(); // the first newline is not part of the string
        _buf.Clear();
        for (;;)
        {
            switch (_c)
            {
                case Eof:
                    throw Error(isComment ? "unfinished long comment" : "unfinished long string", "<eof>");
                case ']':
                {
                    int closeStart = _pos;
                    if (SkipEquals(out _) == level)
                    {
                        Next(); // the second ']'
                        return isComment ? null : _buf.ToArray();
                    }
                    // Not the closing bracket: the ']' and '='s are content; rescan from here.
                    if (!isComment) _buf.Append(_src.AsSpan(closeStart, _pos - closeStart));
                    break;
                }
                case '\n':
                case '\r':
                    if (!isComment) _buf.Append((byte)'\n');
                    NewLine();
                    break;
                default:
                {
                    // Copy a run of ordinary bytes at once.
                    int start = _pos;
                    int end = start + 1;
                    while (end < _src.Length)
                    {
                        byte b = _src[end];
                        if (b == ']' || b == '\n' || b == '\r') break;
                        end++;
                    }
                    if (!isComment) _buf.Append(_src.AsSpan(start, end - start));
                    _pos = end - 1;
                    Next();
                    break;
                }
            }
        }
    }

    private byte[] ReadString(byte quote)
    {
        _buf.Clear();
        Next(); // the opening quote
        while (_c != quote)
        {
            switch (_c)
            {
                case Eof:
                    throw Error("unfinished string", "<eof>");
                case '\n':
                case '\r':
                    throw StringError("unfinished string", quote);
                case '\\':
                {
                    Next();
                    int c = _c;
                    switch (c)
                    {
                        case 'a': c = '\a'; break;
                        case 'b': c = '\b'; break;
                        case 'f': c = '\f'; break;
                        case 'n': c = '\n'; break;
                        case 'r': c = '\r'; break;
                        case 't': c = '\t'; break;
                        case 'v': c = '\v'; break;
                        case '\\': case '"': case '\'': break;
                        case 'x':
                        {
                            Next();
                            int hi = HexValue(_c, quote);
                            Next();
                            int lo = HexValue(_c, quote);
                            c = (hi << 4) | lo;
                            break;
                        }
                        case 'u':
                            AppendUnicodeEscape(quote);
                            Next();
                            continue;
                        case 'z':
                            Next();
                            while (CharClass.IsSpace(_c))
                            {
                                if (CharClass.IsNewline(_c)) NewLine(); else Next();
                            }
                            continue;
                        case '\n':
                        case '\r':
                            _buf.Append((byte)'\n');
                            NewLine();
                            continue;
                        case Eof:
                            continue; // reported as an unfinished string
                        default:
                        {
                            if (!CharClass.IsDigit(c)) throw StringError("invalid escape sequence", quote);
                            int v = c - '0';
                            Next();
                            if (CharClass.IsDigit(_c))
                            {
                                v = v * 10 + (_c - '0');
                                Next();
                                if (CharClass.IsDigit(_c))
                                {
                                    v = v * 10 + (_c - '0');
                                    if (v > 255) throw StringError("invalid escape sequence", quote);
                                    Next();
                                }
                            }
                            _buf.Append((byte)v);
                            continue;
                        }
                    }
                    _buf.Append((byte)c);
                    Next();
                    continue;
                }
                default:
                {
                    int start = _pos;
                    int end = start + 1;
                    while (end < _src.Length)
                    {
                        byte b = _src[end];
                        if (b == quote || b == '\\' || b == '\n' || b == '\r') break;
                        end++;
                    }
                    _buf.Append(_src.AsSpan(start, end - start));
                    _pos = end - 1;
                    Next();
                    break;
                }
            }
        }
        Next(); // the closing quote
        return _buf.ToArray();
    }

    private int HexValue(int c, byte quote)
    {
        if (CharClass.IsDigit(c)) return c - '0';
        if (CharClass.IsHexDigit(c)) return (c | 0x20) - 'a' + 10;
        throw StringError("invalid escape sequence", quote);
    }

    // \u{XXX}: a code point below 0x110000 and outside the surrogates, written as UTF-8.
    private void AppendUnicodeEscape(byte quote)
    {
        Next();
        if (_c != '{') throw StringError("invalid escape sequence", quote);
        Next();
        int cp = 0;
        do
        {
            cp = (cp << 4) | HexValue(_c, quote);
            if (cp >= 0x110000) throw StringError("invalid escape sequence", quote);
            Next();
        } while (_c != '}');
        if (cp < 0x80) { _buf.Append((byte)cp); return; }
        if (cp < 0x800)
        {
            _buf.Append((byte)(0xC0 | (cp >> 6)));
        }
        else
        {
            if (cp >= 0x10000)
            {
                _buf.Append((byte)(0xF0 | (cp >> 18)));
                _buf.Append((byte)(0x80 | ((cp >> 12) & 0x3F)));
            }
            else
            {
                if (cp >= 0xD800 && cp < 0xE000) throw StringError("invalid escape sequence", quote);
                _buf.Append((byte)(0xE0 | (cp >> 12)));
            }
            _buf.Append((byte)(0x80 | ((cp >> 6) & 0x3F)));
        }
        _buf.Append((byte)(0x80 | (cp & 0x3F)));
    }

    // Errors inside a string quote the string as read so far: the quote and the decoded bytes.
    private LuaSyntaxException StringError(string message, byte quote)
    {
        var near = new byte[_buf.Length + 1];
        near[0] = quote;
        _buf.Span.CopyTo(near.AsSpan(1));
        return Error(message, near);
    }

    private LuaSyntaxException Error(string message, ReadOnlySpan<byte> near)
        => LuaSyntaxException.Create(_chunkDisplay, Line, message, near, true);

    private LuaSyntaxException Error(string message, string near)
        => LuaSyntaxException.Create(_chunkDisplay, Line, message, near);

    /// <summary>
    /// The text LuaJIT quotes for a token in a message: names and numbers as written, strings with
    /// their delimiters around the decoded bytes, other tokens by their spelling.
    /// </summary>
    public byte[] TokenText(in Token tok)
    {
        switch (tok.Kind)
        {
            case TokenKind.Name:
            case TokenKind.Number:
                return _src.AsSpan(tok.Start, tok.Length).ToArray();
            case TokenKind.String:
            {
                var value = tok.String ?? Array.Empty<byte>();
                if (tok.Quote != 0)
                {
                    var r = new byte[value.Length + 2];
                    r[0] = tok.Quote;
                    value.CopyTo(r, 1);
                    r[^1] = tok.Quote;
                    return r;
                }
                int level = tok.LongLevel;
                var l = new byte[value.Length + 2 * (level + 2)];
                int w = 0;
                l[w++] = (byte)'[';
                for (int i = 0; i < level; i++) l[w++] = (byte)'=';
                l[w++] = (byte)'[';
                value.CopyTo(l, w);
                w += value.Length;
                l[w++] = (byte)']';
                for (int i = 0; i < level; i++) l[w++] = (byte)'=';
                l[w] = (byte)']';
                return l;
            }
            default:
                return Encoding.Latin1.GetBytes(TokenKinds.Spell(tok.Kind));
        }
    }
}
