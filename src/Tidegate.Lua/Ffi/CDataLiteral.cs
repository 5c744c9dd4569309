using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// LuaJIT's 64-bit integer literals (<c>1LL</c>, <c>1ULL</c>, <c>0x10ull</c>, <c>0b101LL</c>) and imaginary
/// literals (<c>2i</c>, <c>1.5e3i</c>, complex doubles): the parser
/// turns one into a <see cref="Syntax.CDataLiteralExpr"/>, and compiled code boxes it with <see cref="Box"/>.
/// The digits are read as a 64-bit integer (wrapping as LuaJIT's lj_strscan does), never through a double.
/// </summary>
public static class CDataLiteral
{
    /// <summary>Does the literal's text end in a 64-bit integer suffix (LL, ULL, LLU in any case)?</summary>
    public static bool HasInt64Suffix(ReadOnlySpan<byte> text) =>
        text.Length > 2 && (text[^1] | 0x20) is 'l' or 'u' && (text[^2] | 0x20) is 'l' or 'u';

    /// <summary>Is it an imaginary literal (<c>2i</c>), which LuaJIT makes a complex cdata?</summary>
    public static bool IsImaginary(ReadOnlySpan<byte> text) => text.Length > 1 && (text[^1] | 0x20) == 'i';

    public static bool TryParse(ReadOnlySpan<byte> text, out long bits, out bool unsigned)
    {
        bits = 0;
        unsigned = false;
        int end = text.Length;
        while (end > 0 && (text[end - 1] | 0x20) is 'l' or 'u')
        {
            if ((text[end - 1] | 0x20) == 'u') unsigned = true;
            end--;
        }
        int i = 0, numBase = 10;
        if (end > 2 && text[0] == '0' && (text[1] | 0x20) == 'x') { numBase = 16; i = 2; }
        else if (end > 2 && text[0] == '0' && (text[1] | 0x20) == 'b') { numBase = 2; i = 2; }
        if (i >= end) return false;
        ulong v = 0;
        for (; i < end; i++)
        {
            int c = text[i] | 0x20, d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else return false;
            if (d >= numBase) return false;
            v = unchecked(v * (ulong)numBase + (ulong)d);
        }
        bits = (long)v;
        return true;
    }

    /// <summary>An imaginary literal's value: a complex double 0+xi (<paramref name="bits"/> are x's), fresh each time.</summary>
    public static LuaValue BoxImaginary(long bits)
    {
        var z = CData.Allocate(CTypeRegistry.ComplexDouble);
        CConvert.WriteComplex(CTypeRegistry.ComplexDouble, z.Address, 0, BitConverter.Int64BitsToDouble(bits));
        return z;
    }

    /// <summary>The cdata a literal evaluates to (a fresh box each time, so the program may not mutate a shared one).</summary>
    public static LuaValue Box(long bits, bool unsigned) =>
        unsigned ? CData.FromUInt64((ulong)bits) : CData.FromInt64(bits);
}
