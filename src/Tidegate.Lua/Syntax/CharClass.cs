namespace Tidegate.Lua.Syntax;

/// <summary>
/// Byte classes as LuaJIT's lexer sees them (lj_char.h). Bytes 0x80..0xFF count as identifier
/// characters, which is how LuaJIT lets UTF-8 names through.
/// </summary>
internal static class CharClass
{
    public static bool IsDigit(int c) => (uint)(c - '0') <= 9;
    public static bool IsHexDigit(int c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 5;
    public static bool IsIdent(int c) => c >= 0x80 || IsDigit(c) || (uint)((c | 0x20) - 'a') <= 25 || c == '_';
    public static bool IsSpace(int c) => c == ' ' || (uint)(c - '\t') <= 4; // \t \n \v \f \r
    public static bool IsNewline(int c) => c == '\n' || c == '\r';
}
