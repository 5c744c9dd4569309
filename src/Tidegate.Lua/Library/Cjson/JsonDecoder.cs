using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// JSON text → Lua value, as lua-cjson's decoder: the same tokenizer (so the same tokens are accepted and
/// the same error names the same character), strings copied raw except for escapes (control characters
/// and invalid UTF-8 pass), \u escapes and surrogate pairs to UTF-8, numbers through C's strtod (so with
/// decode_invalid_numbers on, the default, "0x10", "+1", "01", "inf" and "nan" are numbers), null as
/// <c>cjson.null</c>, and the input read as C reads a Lua string: a NUL byte ends it.
/// </summary>
internal sealed class JsonDecoder
{
    /// <summary>LuaJIT's LUAI_MAXCSTACK; see <see cref="JsonEncoder"/>.</summary>
    private const int LuaCStackLimit = 8000;

    private enum TokenType { ObjectBegin, ObjectEnd, ArrayBegin, ArrayEnd, String, Number, Boolean, Null, Colon, Comma, End, Whitespace, Error, Unknown }

    /// <summary>The names lua-cjson's messages use for tokens ("Expected value but found T_ARR_END ...").</summary>
    private static readonly string[] TokenNames =
        { "T_OBJ_BEGIN", "T_OBJ_END", "T_ARR_BEGIN", "T_ARR_END", "T_STRING", "T_NUMBER", "T_BOOLEAN", "T_NULL", "T_COLON", "T_COMMA", "T_END", "T_WHITESPACE", "T_ERROR", "T_UNKNOWN" };

    private struct Token
    {
        public TokenType Type;
        public int Index;          // where it starts, 0-based
        public string? Error;      // for Error tokens: what was wrong
        public double Number;
        public bool Boolean;
        public LuaString? String;
    }

    private static readonly TokenType[] CharTokens = BuildCharTokens();
    private static readonly byte[] EscapeChars = BuildEscapeChars();

    private readonly byte[] _data;
    private readonly int _length;
    private readonly CjsonConfig _config;
    private readonly LuaTable? _arrayMetatable;
    private int _pos;
    private int _depth;
    private int _slots = 1; // the argument
    private byte[] _scratch = new byte[64];
    private readonly RepeatedStrings _keys = new();
    private LuaValue[] _stack = new LuaValue[32];
    private int _top;

    /// <summary>What ends a run of plain bytes in a string.</summary>
    private static readonly System.Buffers.SearchValues<byte> StringStops = System.Buffers.SearchValues.Create("\"\\\0"u8);

    private JsonDecoder(LuaString text, CjsonConfig config)
    {
        _data = text.Bytes;
        _length = text.Length;
        _config = config;
        if (config.Flavor == CjsonFlavor.OpenResty && config.DecodeArrayWithArrayMt != 0)
            _arrayMetatable = config.Shared.ArrayMetatable;
    }

    /// <summary>Decodes <paramref name="text"/>; throws <see cref="JsonException"/> with lua-cjson's message.</summary>
    public static LuaValue Decode(CjsonConfig config, LuaString text)
    {
        // RFC 4627's detection: only the first character is sure to be ASCII, a NUL among the first two
        // means UTF-16 or UTF-32.
        if (text.Length >= 2 && (text[0] == 0 || text[1] == 0))
            throw new JsonException("JSON parser does not support UTF-16 or UTF-32");
        var decoder = new JsonDecoder(text, config);
        decoder.NextToken(out var token);
        var value = decoder.ProcessValue(token);
        decoder.NextToken(out token);
        if (token.Type != TokenType.End) throw ParseError("the end", token);
        return value;
    }

    /// <summary>The byte at <paramref name="i"/>, or 0 past the end (C sees the string's terminating NUL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte At(int i) => (uint)i < (uint)_length ? _data[i] : (byte)0;

    // ---- the parser ----

    private LuaValue ProcessValue(in Token token) => token.Type switch
    {
        TokenType.String => token.String!,
        TokenType.Number => LuaValue.FromNumber(token.Number),
        TokenType.Boolean => LuaValue.FromBoolean(token.Boolean),
        TokenType.ObjectBegin => ParseObject(),
        TokenType.ArrayBegin => ParseArray(),
        TokenType.Null => LuaUserdata.NullLightUserdata,
        _ => throw ParseError("value", token),
    };

    /// <summary>json_decode_descend: one level deeper, within decode_max_depth and the stack room.</summary>
    private void Descend(int slotsNeeded)
    {
        _depth++;
        if (_depth <= _config.DecodeMaxDepth && _slots + slotsNeeded <= LuaCStackLimit && RuntimeHelpers.TryEnsureSufficientExecutionStack())
            return;
        throw new JsonException($"Found too many nested data structures ({_depth}) at character {_pos}");
    }

    // Containers collect their elements on a value stack and become a table of exactly the right size at
    // their end: no rehashing as a table grows, and the same insertion order (so the same pairs order).

    private LuaTable ParseObject()
    {
        Descend(3);
        _slots += 2; // the table and, while a value is read, its key
        int first = _top;
        NextToken(out var token);
        if (token.Type != TokenType.ObjectEnd)
        {
            while (true)
            {
                if (token.Type != TokenType.String) throw ParseError("object key string", token);
                var key = token.String!;
                NextToken(out token);
                if (token.Type != TokenType.Colon) throw ParseError("colon", token);
                NextToken(out token);
                var value = ProcessValue(token);
                Push(key);
                Push(value);
                NextToken(out token);
                if (token.Type == TokenType.ObjectEnd) break;
                if (token.Type != TokenType.Comma) throw ParseError("comma or object end", token);
                NextToken(out token);
            }
        }
        var table = new LuaTable(0, (_top - first) / 2);
        for (int i = first; i < _top; i += 2) table.Set(_stack[i].AsString!, _stack[i + 1]); // a repeated key: the last wins
        Pop(first);
        _slots -= 2;
        _depth--;
        return table;
    }

    private LuaTable ParseArray()
    {
        Descend(2);
        _slots += 1;
        int first = _top;
        NextToken(out var token);
        if (token.Type != TokenType.ArrayEnd)
        {
            while (true)
            {
                Push(ProcessValue(token));
                NextToken(out token);
                if (token.Type == TokenType.ArrayEnd) break;
                if (token.Type != TokenType.Comma) throw ParseError("comma or array end", token);
                NextToken(out token);
            }
        }
        var table = new LuaTable(_top - first, 0);
        for (int i = first; i < _top; i++) table.Set(i - first + 1, _stack[i]);
        Pop(first);
        if (_arrayMetatable is not null) table.Metatable = _arrayMetatable;
        _slots -= 1;
        _depth--;
        return table;
    }

    private void Push(in LuaValue v)
    {
        if (_top == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
        _stack[_top++] = v;
    }

    /// <summary>Drops the elements from <paramref name="first"/> on, clearing them so the tables they hold are not kept alive.</summary>
    private void Pop(int first)
    {
        Array.Clear(_stack, first, _top - first);
        _top = first;
    }

    private static JsonException ParseError(string expected, in Token token)
    {
        string found = token.Type == TokenType.Error ? token.Error! : TokenNames[(int)token.Type];
        return new JsonException($"Expected {expected} but found {found} at character {token.Index + 1}");
    }

    // ---- the tokenizer ----

    private void NextToken(out Token token)
    {
        token = default;
        int ch;
        while (true)
        {
            ch = At(_pos);
            token.Type = CharTokens[ch];
            if (token.Type != TokenType.Whitespace) break;
            _pos++;
        }
        token.Index = _pos;

        switch (token.Type)
        {
            case TokenType.Error:
                SetError(ref token, "invalid token");
                return;
            case TokenType.End:
                return;
            case TokenType.Unknown:
                break;
            default:
                _pos++;
                return;
        }

        if (ch == '"')
        {
            ReadString(ref token);
        }
        else if (ch == '-' || (uint)(ch - '0') <= 9)
        {
            if (_config.DecodeInvalidNumbers == 0 && IsInvalidNumber())
                SetError(ref token, "invalid number");
            else
                ReadNumber(ref token);
        }
        else if (Matches("true"u8))
        {
            token.Type = TokenType.Boolean;
            token.Boolean = true;
            _pos += 4;
        }
        else if (Matches("false"u8))
        {
            token.Type = TokenType.Boolean;
            _pos += 5;
        }
        else if (Matches("null"u8))
        {
            token.Type = TokenType.Null;
            _pos += 4;
        }
        else if (_config.DecodeInvalidNumbers != 0 && IsInvalidNumber())
        {
            // Only numbers known to be invalid JSON (inf, nan, "+..."); other words are invalid tokens.
            ReadNumber(ref token);
        }
        else SetError(ref token, "invalid token");
    }

    private void SetError(ref Token token, string what)
    {
        token.Type = TokenType.Error;
        token.Index = _pos;
        token.Error = what;
    }

    private bool Matches(ReadOnlySpan<byte> word) =>
        _length - _pos >= word.Length && _data.AsSpan(_pos, word.Length).SequenceEqual(word);

    /// <summary>json_is_invalid_number: a leading '+', hex, a leading zero, inf or nan.</summary>
    private bool IsInvalidNumber()
    {
        int p = _pos;
        if (At(p) == '+') return true;
        if (At(p) == '-') p++;
        if (At(p) == '0')
        {
            int next = At(p + 1);
            return (next | 0x20) == 'x' || (uint)(next - '0') <= 9;
        }
        if (At(p) <= '9') return false;
        return MatchesIgnoringCase(p, "inf"u8) || MatchesIgnoringCase(p, "nan"u8);
    }

    private bool MatchesIgnoringCase(int at, ReadOnlySpan<byte> lowerWord)
    {
        for (int k = 0; k < lowerWord.Length; k++)
            if ((At(at + k) | 0x20) != lowerWord[k]) return false;
        return true;
    }

    private void ReadNumber(ref Token token)
    {
        if (TryReadPlainInteger(ref token)) return;
        // strtod stops at a NUL as at the end of the string: no number contains one.
        int used = CNumberScanner.Scan(_data.AsSpan(_pos, _length - _pos), out double value);
        if (used == 0)
        {
            SetError(ref token, "invalid number");
            return;
        }
        token.Type = TokenType.Number;
        token.Number = value;
        _pos += used;
    }

    /// <summary>
    /// The common case without strtod: an optional '-' and at most 15 digits (exact in a double), ended by
    /// something no number continues with. Anything else ("1.5", "0x1", "1e3", long digit runs) is left
    /// to <see cref="CNumberScanner"/>.
    /// </summary>
    private bool TryReadPlainInteger(ref Token token)
    {
        int p = _pos;
        bool negative = At(p) == '-';
        if (negative) p++;
        int start = p;
        long value = 0;
        while (p < _length && (uint)(_data[p] - '0') <= 9 && p - start < 15) value = value * 10 + (_data[p++] - '0');
        if (p == start) return false;
        int next = At(p) | 0x20;   // folds 'E' and 'X' to lower case; digits and '.' are unchanged
        if ((uint)(next - '0') <= 9 || next == '.' || next == 'e' || next == 'x') return false;
        token.Type = TokenType.Number;
        token.Number = negative ? -(double)value : value;
        _pos = p;
        return true;
    }

    private void ReadString(ref Token token)
    {
        _pos++; // the opening quote
        int written = 0;
        bool first = true;
        while (true)
        {
            // A run of plain bytes; a string that is one run becomes a Lua string without the scratch copy.
            int runStart = _pos;
            int stop = _data.AsSpan(_pos, _length - _pos).IndexOfAny(StringStops);
            _pos = stop < 0 ? _length : _pos + stop;
            if (first && At(_pos) == '"')
            {
                _pos++;
                token.Type = TokenType.String;
                token.String = _keys.Get(_data.AsSpan(runStart, _pos - 1 - runStart));
                return;
            }
            first = false;
            Append(ref written, _data.AsSpan(runStart, _pos - runStart));

            int ch = At(_pos);
            if (ch == '"') break;
            if (ch == 0)
            {
                SetError(ref token, "unexpected end of string");
                return;
            }
            // A backslash.
            byte escaped = EscapeChars[At(_pos + 1)];
            if (escaped == 'u')
            {
                if (!AppendUnicodeEscape(ref written))
                {
                    SetError(ref token, "invalid unicode escape code");
                    return;
                }
                continue;
            }
            if (escaped == 0)
            {
                SetError(ref token, "invalid escape code");
                return;
            }
            Append(ref written, new ReadOnlySpan<byte>(in escaped));
            _pos += 2;
        }
        _pos++; // the closing quote
        token.Type = TokenType.String;
        token.String = _keys.Get(_scratch.AsSpan(0, written));
    }

    private void Append(ref int written, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _scratch.Length - written)
            Array.Resize(ref _scratch, Math.Max(written + bytes.Length, _scratch.Length * 2));
        bytes.CopyTo(_scratch.AsSpan(written));
        written += bytes.Length;
    }

    /// <summary>
    /// \uXXXX at the current position (the backslash) to UTF-8; a high surrogate must be followed by a
    /// \u low surrogate and the pair makes one 4-byte character. A lone or reversed surrogate is an error.
    /// </summary>
    private bool AppendUnicodeEscape(ref int written)
    {
        int codepoint = DecodeHex4(_pos + 2);
        if (codepoint < 0) return false;
        int escapeLength = 6;
        if ((codepoint & 0xF800) == 0xD800)
        {
            if ((codepoint & 0x400) != 0) return false;               // a low surrogate first
            if (At(_pos + 6) != '\\' || At(_pos + 7) != 'u') return false;
            int low = DecodeHex4(_pos + 8);
            if (low < 0 || (low & 0xFC00) != 0xDC00) return false;
            codepoint = (((codepoint & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000;
            escapeLength = 12;
        }

        Span<byte> utf8 = stackalloc byte[4];
        int n;
        if (codepoint <= 0x7F) { utf8[0] = (byte)codepoint; n = 1; }
        else if (codepoint <= 0x7FF)
        {
            utf8[0] = (byte)((codepoint >> 6) | 0xC0);
            utf8[1] = (byte)((codepoint & 0x3F) | 0x80);
            n = 2;
        }
        else if (codepoint <= 0xFFFF)
        {
            utf8[0] = (byte)((codepoint >> 12) | 0xE0);
            utf8[1] = (byte)(((codepoint >> 6) & 0x3F) | 0x80);
            utf8[2] = (byte)((codepoint & 0x3F) | 0x80);
            n = 3;
        }
        else
        {
            utf8[0] = (byte)((codepoint >> 18) | 0xF0);
            utf8[1] = (byte)(((codepoint >> 12) & 0x3F) | 0x80);
            utf8[2] = (byte)(((codepoint >> 6) & 0x3F) | 0x80);
            utf8[3] = (byte)((codepoint & 0x3F) | 0x80);
            n = 4;
        }
        Append(ref written, utf8[..n]);
        _pos += escapeLength;
        return true;
    }

    private int DecodeHex4(int at)
    {
        int value = 0;
        for (int k = 0; k < 4; k++)
        {
            int c = At(at + k);
            int digit;
            if ((uint)(c - '0') <= 9) digit = c - '0';
            else if ((uint)((c | 0x20) - 'a') <= 5) digit = (c | 0x20) - 'a' + 10;
            else return -1;
            value = value << 4 | digit;
        }
        return value;
    }

    private static TokenType[] BuildCharTokens()
    {
        var t = new TokenType[256];
        Array.Fill(t, TokenType.Error);
        t['{'] = TokenType.ObjectBegin;
        t['}'] = TokenType.ObjectEnd;
        t['['] = TokenType.ArrayBegin;
        t[']'] = TokenType.ArrayEnd;
        t[','] = TokenType.Comma;
        t[':'] = TokenType.Colon;
        t[0] = TokenType.End;
        t[' '] = t['\t'] = t['\n'] = t['\r'] = TokenType.Whitespace;
        foreach (char c in "fiInNt\"+-0123456789") t[c] = TokenType.Unknown;
        return t;
    }

    private static byte[] BuildEscapeChars()
    {
        var e = new byte[256];
        e['"'] = (byte)'"';
        e['\\'] = (byte)'\\';
        e['/'] = (byte)'/';
        e['b'] = (byte)'\b';
        e['t'] = (byte)'\t';
        e['n'] = (byte)'\n';
        e['f'] = (byte)'\f';
        e['r'] = (byte)'\r';
        e['u'] = (byte)'u';
        return e;
    }
}
