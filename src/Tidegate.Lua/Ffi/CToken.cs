namespace Tidegate.Lua.Ffi;

/// <summary>The kinds of tokens in C declarations; punctuators are their own character (or a code below 32 for pairs).</summary>
public enum CTokenKind { Eof, Identifier, Integer, String, Char, Punct }

/// <summary>One token of a C declaration.</summary>
public readonly record struct CToken(CTokenKind Kind, string Text, long Value = 0, bool IsUnsigned = false)
{
    /// <summary>The line the token starts on, for LuaJIT's "at line N" suffix.</summary>
    public int Line { get; init; } = 1;

    public bool Is(string punct) => Kind == CTokenKind.Punct && Text == punct;
    public bool IsIdentifier(string name) => Kind == CTokenKind.Identifier && Text == name;

    /// <summary>How LuaJIT names the token in "... near 'x'" messages.</summary>
    public string NearText => Kind == CTokenKind.Eof ? "<eof>" : Text;
}
