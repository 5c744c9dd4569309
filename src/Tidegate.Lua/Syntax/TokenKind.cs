namespace Tidegate.Lua.Syntax;

/// <summary>
/// Lexical token kinds. As in LuaJIT, a single-byte token (<c>+</c>, <c>(</c>, or any other byte the
/// lexer does not recognise) is its byte value, so an unexpected byte can be reported as itself;
/// multi-character tokens, keywords and literals are numbered from 257 upwards in LuaJIT's order.
/// </summary>
public enum TokenKind
{
    // Single-byte tokens (the byte value itself).
    Hash = '#', Percent = '%', LeftParen = '(', RightParen = ')', Star = '*', Plus = '+', Comma = ',',
    Minus = '-', Dot = '.', Slash = '/', Colon = ':', Semicolon = ';', Less = '<', Assign = '=',
    Greater = '>', LeftBracket = '[', RightBracket = ']', Caret = '^', LeftBrace = '{', RightBrace = '}',
    Tilde = '~',

    // Keywords, in LuaJIT's order (lj_lex.h TKDEF).
    And = 257, Break, Do, Else, Elseif, End, False, For, Function, Goto, If, In, Local, Nil, Not, Or,
    Repeat, Return, Then, True, Until, While,

    // Multi-character symbols and literals.
    Concat, Dots, Equal, GreaterEqual, LessEqual, NotEqual, DoubleColon, Number, Name, String, Eof,
}

public static class TokenKinds
{
    private static readonly string[] s_names =
    {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
        "..", "...", "==", ">=", "<=", "~=", "::", "<number>", "<name>", "<string>", "<eof>",
    };

    /// <summary>
    /// The spelling LuaJIT uses for a token kind in messages (lj_lex_token2str): keywords and symbols
    /// as written, literals as <c>&lt;name&gt;</c> etc., control bytes as <c>char(N)</c>.
    /// </summary>
    public static string Spell(TokenKind kind)
    {
        int k = (int)kind;
        if (k > 256) return s_names[k - 257];
        if (k < 32 || k == 127) return "char(" + k + ")";
        return ((char)k).ToString();
    }

    /// <summary>Keyword lookup for an identifier's bytes; returns <see cref="TokenKind.Name"/> when it is not reserved.</summary>
    public static TokenKind Keyword(ReadOnlySpan<byte> s)
    {
        switch (s.Length)
        {
            case 2:
                if (s[0] == 'd' && s[1] == 'o') return TokenKind.Do;
                if (s[0] == 'i' && s[1] == 'f') return TokenKind.If;
                if (s[0] == 'i' && s[1] == 'n') return TokenKind.In;
                if (s[0] == 'o' && s[1] == 'r') return TokenKind.Or;
                break;
            case 3:
                if (s.SequenceEqual("and"u8)) return TokenKind.And;
                if (s.SequenceEqual("end"u8)) return TokenKind.End;
                if (s.SequenceEqual("for"u8)) return TokenKind.For;
                if (s.SequenceEqual("nil"u8)) return TokenKind.Nil;
                if (s.SequenceEqual("not"u8)) return TokenKind.Not;
                break;
            case 4:
                if (s.SequenceEqual("else"u8)) return TokenKind.Else;
                if (s.SequenceEqual("goto"u8)) return TokenKind.Goto;
                if (s.SequenceEqual("then"u8)) return TokenKind.Then;
                if (s.SequenceEqual("true"u8)) return TokenKind.True;
                break;
            case 5:
                if (s.SequenceEqual("break"u8)) return TokenKind.Break;
                if (s.SequenceEqual("false"u8)) return TokenKind.False;
                if (s.SequenceEqual("local"u8)) return TokenKind.Local;
                if (s.SequenceEqual("until"u8)) return TokenKind.Until;
                if (s.SequenceEqual("while"u8)) return TokenKind.While;
                break;
            case 6:
                if (s.SequenceEqual("elseif"u8)) return TokenKind.Elseif;
                if (s.SequenceEqual("repeat"u8)) return TokenKind.Repeat;
                if (s.SequenceEqual("return"u8)) return TokenKind.Return;
                break;
            case 8:
                if (s.SequenceEqual("function"u8)) return TokenKind.Function;
                break;
        }
        return TokenKind.Name;
    }
}
