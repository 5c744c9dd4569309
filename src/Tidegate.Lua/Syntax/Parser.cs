using System.Runtime.CompilerServices;
using System.Text;

namespace Tidegate.Lua.Syntax;

/// <summary>
/// Recursive-descent parser from tokens to the AST. It follows LuaJIT's parser (lj_parse.c) closely
/// wherever that shows: what is accepted (LuaJIT's <c>goto</c> rules, <c>break</c> as a last
/// statement, no empty <c>;</c> statement), the order in which errors are found, their wording and
/// the line they report, the syntactic nesting limit (200) and the local-variable limits, and the
/// goto/label checks. Node lines follow the line LuaJIT attributes to the operation at run time:
/// calls carry the line of their argument list, indexing the line of the key's last token, binary
/// and unary operators the line of their last operand token, statements the line they start on.
/// </summary>
public sealed partial class Parser
{
    // LuaJIT's LJ_MAX_XLEVEL and LJ_MAX_LOCVAR.
    private const int MaxSyntaxLevels = 200;
    private const int MaxLocals = 200;
    private const int MaxUpvalues = 120; // LJ_MAX_UPVAL in OpenResty's LuaJIT

    private readonly Lexer _lex;
    private Token _tok;
    private Token _ahead;
    private bool _hasAhead;
    private int _lastLine = 1;   // where the previous token ended (LuaJIT's ls->lastline)
    private int _level;          // syntactic nesting (LuaJIT's ls->level)

    private Parser(Lexer lexer) => _lex = lexer;

    /// <summary>
    /// Parses a chunk. <paramref name="chunkName"/> is the raw Lua chunk name ("@t.lua", "=stdin", or
    /// the source text itself); messages use its display form (<see cref="ChunkName.ToDisplay(string)"/>).
    /// Throws <see cref="LuaSyntaxException"/> with LuaJIT's message on any error.
    /// </summary>
    public static Chunk Parse(ReadOnlySpan<byte> source, string chunkName)
        => Parse(source, (ReadOnlySpan<byte>)ChunkName.ToBytes(chunkName));

    /// <summary>Parses a chunk whose raw chunk name is given as bytes (for names that come from Lua strings).</summary>
    public static Chunk Parse(ReadOnlySpan<byte> source, ReadOnlySpan<byte> chunkName)
    {
        string display = ChunkName.ToDisplay(chunkName);
        var lexer = new Lexer(source.ToArray(), display);
        if (lexer.StartsWithBytecodeSignature)
            throw BytecodeRefused(lexer, chunkName);
        var parser = new Parser(lexer);
        var main = parser.ParseMainChunk();
        string raw = Encoding.Latin1.GetString(CutAtNul(chunkName));
        return new Chunk { ChunkName = display, Main = main, Source = raw };
    }

    // Precompiled bytecode is loaded by the runtime, never by the parser; refuse it with LuaJIT's words.
    private static LuaSyntaxException BytecodeRefused(Lexer lexer, ReadOnlySpan<byte> chunkName)
    {
        if (lexer.HadHeader) return new LuaSyntaxException(Encoding.Latin1.GetBytes("cannot load malformed bytecode"));
        var name = CutAtNul(chunkName);
        string shown = name.Length > 0 && name[0] == 0x1B ? "(binary)"
            : Encoding.Latin1.GetString(name.Length > 0 && (name[0] == '@' || name[0] == '=') ? name[1..] : name);
        return new LuaSyntaxException(Encoding.Latin1.GetBytes(shown + ": cannot load incompatible bytecode"));
    }

    private static ReadOnlySpan<byte> CutAtNul(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return nul >= 0 ? s[..nul] : s;
    }

    // ---------------- tokens ----------------

    private void Next()
    {
        _lastLine = _lex.Line;
        if (_hasAhead)
        {
            _tok = _ahead;
            _hasAhead = false;
        }
        else
        {
            _lex.Scan(ref _tok);
        }
    }

    private TokenKind Lookahead()
    {
        _lex.Scan(ref _ahead);
        _hasAhead = true;
        return _ahead.Kind;
    }

    private bool Opt(TokenKind kind)
    {
        if (_tok.Kind != kind) return false;
        Next();
        return true;
    }

    private void Check(TokenKind kind)
    {
        if (_tok.Kind != kind) throw ErrorExpected(kind);
        Next();
    }

    /// <summary>Consumes the token closing a construct opened by <paramref name="opener"/> at <paramref name="line"/>.</summary>
    private void Match(TokenKind closer, TokenKind opener, int line)
    {
        if (Opt(closer)) return;
        if (line == _lex.Line) throw ErrorExpected(closer);
        throw ErrorNearToken("'" + TokenKinds.Spell(closer) + "' expected (to close '" + TokenKinds.Spell(opener) + "' at line " + line + ")");
    }

    /// <summary>A name where one is required; LuaJIT also takes the keyword <c>goto</c> as a name.</summary>
    private string Name()
    {
        if (_tok.Kind != TokenKind.Name && _tok.Kind != TokenKind.Goto) throw ErrorExpected(TokenKind.Name);
        string name = _tok.Name!;
        Next();
        return name;
    }

    private static bool IsBlockEnd(TokenKind kind)
        => kind is TokenKind.Else or TokenKind.Elseif or TokenKind.End or TokenKind.Until or TokenKind.Eof;

    private void SynLevelBegin()
    {
        if (++_level >= MaxSyntaxLevels || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw ErrorNoToken("chunk has too many syntax levels");
    }

    private void SynLevelEnd() => _level--;

    // ---------------- errors ----------------

    private LuaSyntaxException ErrorExpected(TokenKind kind) => ErrorNearToken("'" + TokenKinds.Spell(kind) + "' expected");

    /// <summary>An error quoting the current token as LuaJIT does (its lexer buffer for literals).</summary>
    private LuaSyntaxException ErrorNearToken(string message)
    {
        var near = NearText();
        // A NUL byte is token 0, which LuaJIT takes to mean "no token": the message has no "near" part.
        if (near is null) return ErrorNoToken(message);
        return LuaSyntaxException.Create(_lex.ChunkDisplay, _lex.Line, message, near, true);
    }

    /// <summary>The current token as an error's "near" part quotes it, or null for token 0 (no "near" part).</summary>
    private byte[]? NearText()
    {
        if (_tok.Kind == 0) return null;
        if (_tok.Kind is TokenKind.Name or TokenKind.String or TokenKind.Number)
        {
            // LuaJIT quotes its scan buffer, which a pending lookahead has already overwritten.
            if (!_hasAhead) return _lex.TokenText(_tok);
            if (_ahead.Kind is TokenKind.Name or TokenKind.String or TokenKind.Number) return _lex.TokenText(_ahead);
            return Array.Empty<byte>();
        }
        return Encoding.Latin1.GetBytes(TokenKinds.Spell(_tok.Kind));
    }

    private LuaSyntaxException ErrorNoToken(string message) => ErrorAtLine(_lex.Line, message);

    private LuaSyntaxException ErrorAtLine(int line, string message)
        => LuaSyntaxException.Create(_lex.ChunkDisplay, line, message);
}
