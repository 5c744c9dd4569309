using System.Buffers;
using System.Globalization;
using System.Numerics;

namespace Tidegate.Lua.Syntax;

/// <summary>The outcome of converting a numeric literal's text.</summary>
public enum NumberLiteralKind
{
    Number,
    Malformed,
    /// <summary>A literal LuaJIT turns into FFI cdata (<c>1LL</c>, <c>1ULL</c>, <c>2i</c>): not supported yet.</summary>
    CData,
}

/// <summary>
/// Converts the text of a numeric literal exactly as LuaJIT's lexer accepts it (lj_strscan with the
/// lexer's options): decimal with optional fraction and exponent, hexadecimal with optional fraction
/// and binary exponent <c>p</c>, LuaJIT's binary <c>0b</c> integers. Decimal conversion is correctly
/// rounded; hexadecimal keeps 16 significant digits plus a sticky bit, as LuaJIT does.
/// </summary>
public static class NumberLiteral
{
    // Exponents (and fraction lengths) at or beyond 2^20 are rejected, as in LuaJIT.
    private const int MaxExponent = 1 << 20;

    public static NumberLiteralKind Parse(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int n = s.Length, i = 0, numBase = 10;
        if (n == 0) return NumberLiteralKind.Malformed;
        if (s[0] == '0' && n > 1)
        {
            int x = s[1] | 0x20;
            if (x == 'x') { numBase = 16; i = 2; }
            else if (x == 'b') { numBase = 2; i = 2; }
        }

        bool hasDigit = false, isFloat = false;
        int dot = -1;
        // Leading zeros carry no value; skip them (and note a decimal point among them).
        for (; i < n; i++)
        {
            if (s[i] == '0') hasDigit = true;
            else if (s[i] == '.') { if (dot >= 0) return NumberLiteralKind.Malformed; dot = i; }
            else break;
        }
        int start = i, digits = 0;
        for (; i < n; i++)
        {
            int c = s[i];
            if (numBase == 16 ? CharClass.IsHexDigit(c) : CharClass.IsDigit(c)) digits++;
            else if (c == '.') { if (dot >= 0) return NumberLiteralKind.Malformed; dot = i; }
            else break;
        }
        if (!hasDigit && digits == 0) return NumberLiteralKind.Malformed;

        int exponent = 0; // power of the base (of 2 for hex) to apply to the significant digits
        if (dot >= 0)
        {
            if (numBase == 2) return NumberLiteralKind.Malformed;
            isFloat = true;
            if (digits > 0)
            {
                exponent = dot - (i - 1);
                int last = i - 1;
                while (exponent < 0 && s[last] == '0') { exponent++; digits--; last--; }
                if (exponent <= -MaxExponent) return NumberLiteralKind.Malformed;
                if (numBase == 16) exponent *= 4;
            }
        }

        if (numBase >= 10 && i < n && (s[i] | 0x20) == (numBase == 16 ? 'p' : 'e'))
        {
            isFloat = true;
            i++;
            bool negative = false;
            if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
            if (i >= n || !CharClass.IsDigit(s[i])) return NumberLiteralKind.Malformed;
            int e = 0;
            for (; i < n && CharClass.IsDigit(s[i]); i++)
                if ((e = e * 10 + (s[i] - '0')) >= MaxExponent) return NumberLiteralKind.Malformed;
            exponent += negative ? -e : e;
        }

        if (i < n)
            return IsCDataSuffix(s[i..], isFloat) ? NumberLiteralKind.CData : NumberLiteralKind.Malformed;

        switch (numBase)
        {
            case 2:
                if (digits > 64) return NumberLiteralKind.Malformed;
                ulong bits = 0;
                for (int k = start; k < start + digits; k++)
                {
                    if ((s[k] & ~1) != '0') return NumberLiteralKind.Malformed;
                    bits = (bits << 1) | (uint)(s[k] & 1);
                }
                value = bits;
                return NumberLiteralKind.Number;
            case 16:
                value = HexValue(s, start, digits, exponent);
                return NumberLiteralKind.Number;
            default:
                value = DecimalValue(s, start, digits, exponent);
                return NumberLiteralKind.Number;
        }
    }

    // LuaJIT's suffixes for 64-bit integers (LL, ULL, LLU) and imaginary numbers (i).
    private static bool IsCDataSuffix(ReadOnlySpan<byte> suffix, bool isFloat)
    {
        Span<byte> lower = stackalloc byte[3];
        if (suffix.Length > 3) return false;
        for (int k = 0; k < suffix.Length; k++) lower[k] = (byte)(suffix[k] | 0x20);
        var l = lower[..suffix.Length];
        if (l.SequenceEqual("i"u8)) return true;
        if (isFloat) return false;
        return l.SequenceEqual("ll"u8) || l.SequenceEqual("ull"u8) || l.SequenceEqual("llu"u8);
    }

    private static double HexValue(ReadOnlySpan<byte> s, int start, int digits, int exponent2)
    {
        ulong x = 0;
        int k = start;
        for (int d = 0; d < digits; d++, k++)
        {
            if (s[k] == '.') k++;
            int c = s[k];
            int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            if (d < 16) x = (x << 4) | (uint)v;
            else
            {
                // Digits beyond 16 only matter as a sticky bit for rounding.
                if (v != 0) x |= 1;
                exponent2 += 4;
            }
        }
        // Keep the value below 2^62 (sticky low bits preserved) so the integer conversion rounds once.
        if ((x & 0xC000000000000000UL) != 0) { x = (x >> 2) | (x & 3); exponent2 += 2; }
        if (exponent2 <= -1075 && x != 0)
        {
            // A denormal result: round at the final bit position directly to avoid double rounding.
            int top = 63 - BitOperations.LeadingZeroCount(x);
            if (top + exponent2 <= -1023 && top + exponent2 >= -1075)
            {
                ulong rb = 1UL << (-1075 - exponent2);
                if ((x & rb) != 0 && (x & (rb + rb + rb - 1)) != 0) x += rb + rb;
                x &= ~(rb + rb - 1);
            }
        }
        double n = (long)x;
        return exponent2 == 0 ? n : Math.ScaleB(n, exponent2);
    }

    private static double DecimalValue(ReadOnlySpan<byte> s, int start, int digits, int exponent10)
    {
        if (digits == 0) return 0;
        // Rebuild "DDDD e N" and let the correctly rounded .NET parser do the conversion.
        int size = digits + 16;
        byte[]? rented = size > 512 ? ArrayPool<byte>.Shared.Rent(size) : null;
        Span<byte> text = rented ?? stackalloc byte[512];
        int w = 0, k = start;
        for (int d = 0; d < digits; d++, k++)
        {
            if (s[k] == '.') k++;
            text[w++] = s[k];
        }
        text[w++] = (byte)'e';
        if (!exponent10.TryFormat(text[w..], out int written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("exponent formatting failed");
        w += written;
        double result = double.Parse(text[..w], NumberStyles.Float, CultureInfo.InvariantCulture);
        if (rented != null) ArrayPool<byte>.Shared.Return(rented);
        return result;
    }
}
