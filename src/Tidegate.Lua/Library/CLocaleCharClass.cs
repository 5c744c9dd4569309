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

    // The pattern matcher's classes (%a %c %d %g %l %p %s %u %w %x) as one bit each, and every byte's set of
    // classes in a table, so a class test is one load and a mask instead of a switch and range checks.
    private const ushort Alpha = 1, Control = 2, Digit = 4, Graph = 8, Lower = 16, Punct = 32, Space = 64,
        Upper = 128, Alnum = 256, HexDigit = 512;

    private static readonly ushort[] ClassesOfByte = BuildClassesOfByte();
    private static readonly ushort[] ClassOfLetter = BuildClassOfLetter();

    private static ushort[] BuildClassesOfByte()
    {
        var table = new ushort[256];
        for (int c = 0; c < 256; c++)
        {
            int f = 0;
            if (IsAlpha(c)) f |= Alpha;
            if (IsControl(c)) f |= Control;
            if (IsDigit(c)) f |= Digit;
            if (IsGraph(c)) f |= Graph;
            if (IsLower(c)) f |= Lower;
            if (IsPunct(c)) f |= Punct;
            if (IsSpace(c)) f |= Space;
            if (IsUpper(c)) f |= Upper;
            if (IsAlnum(c)) f |= Alnum;
            if (IsHexDigit(c)) f |= HexDigit;
            table[c] = (ushort)f;
        }
        return table;
    }

    private static ushort[] BuildClassOfLetter()
    {
        var table = new ushort[128];
        table['a'] = Alpha; table['c'] = Control; table['d'] = Digit; table['g'] = Graph; table['l'] = Lower;
        table['p'] = Punct; table['s'] = Space; table['u'] = Upper; table['w'] = Alnum; table['x'] = HexDigit;
        return table;
    }

    /// <summary>The class bit of a lower-case class letter (%a -> 'a'), or 0 when the letter names no ctype class.</summary>
    public static int ClassBit(int lowerLetter) => (uint)lowerLetter < 128 ? ClassOfLetter[lowerLetter] : 0;

    /// <summary>Whether byte <paramref name="c"/> (0..255) is in the classes of <paramref name="classBit"/>.</summary>
    public static bool InClass(int c, int classBit) => (ClassesOfByte[(byte)c] & classBit) != 0;
}
