namespace Tidegate.Lua.Library;

/// <summary>The C locale's ctype classes, by byte value (bytes 128..255 belong to none).</summary>
internal static class CLocaleCharClass
{
    public static bool IsUpper(int c) => (uint)(c - 'A') < 26;
    public static bool IsLower(int c) => (uint)(c - 'a') < 26;
    public static bool IsAlpha(int c) => (uint)((c | 0x20) - 'a') < 26;
    public static bool IsDigit(int c) => (uint)(c - '0') < 10;
    public static bool IsAlnum(int c) => IsAlpha(c) || IsDigit(c);
    public static bool IsHexDigit(int c) => IsDigit(c) || (uint)((c | 0x20) - 'a') < 6;
    public static bool IsSpace(int c) => c == ' ' || (uint)(c - '\t') < 5;
    public static bool IsControl(int c) => c < 32 || c == 127;
    public static bool IsGraph(int c) => c > 32 && c < 127;
    public static bool IsPunct(int c) => IsGraph(c) && !IsAlnum(c);
}
