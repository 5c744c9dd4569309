namespace Tidegate.Lua.Syntax;

/// <summary>One scanned token with its value and what error messages need to quote it.</summary>
public struct Token
{
    public TokenKind Kind;
    /// <summary>The lexer's line after scanning the token (its last line, as LuaJIT counts it).</summary>
    public int Line;
    /// <summary>Identifier text, one char per source byte (Latin-1); also set for keywords.</summary>
    public string? Name;
    public double Number;
    public byte[]? String;
    /// <summary>Where the token's source text starts and how long it is (used to quote names and numbers).</summary>
    public int Start, Length;
    /// <summary>For a string: the quote byte, or 0 for a long string whose level is <see cref="LongLevel"/>.</summary>
    public byte Quote;
    public int LongLevel;
}
