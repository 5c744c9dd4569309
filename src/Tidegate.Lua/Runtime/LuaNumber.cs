using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>Number ↔ string conversion exactly as LuaJIT does it.</summary>
public static class LuaNumber
{
    /// <summary>tostring(number): "%.14g" with LuaJIT's spellings ("inf", "-inf", "nan", "-0").</summary>
    public static LuaString ToLuaString(double d)
    {
        // Small integers are by far the most common case (loop counters, indexes, lengths):
        // they come from a cache, so "s = s .. i" and tostring(i) do not format at all.
        int i = (int)d;
        if (i == d && (uint)(i + SmallIntegerCacheOffset) < (uint)SmallIntegers.Length && (i != 0 || !double.IsNegative(d)))
            return SmallIntegers[i + SmallIntegerCacheOffset] ??= FormatToNew(d);
        return FormatToNew(d);
    }

    private const int SmallIntegerCacheOffset = 128;
    private static readonly LuaString?[] SmallIntegers = new LuaString?[128 + 1024];

    private static LuaString FormatToNew(double d)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        int n = Format(d, buffer);
        return new LuaString(buffer[..n].ToArray());
    }

    /// <summary>The longest result of <see cref="Format"/> ("-4.9406564584125e-324" is 21 bytes).</summary>
    public const int MaxFormattedLength = 32;

    /// <summary>
    /// Writes <paramref name="d"/> as C's "%.14g" with LuaJIT's spellings into <paramref name="destination"/>
    /// (at least <see cref="MaxFormattedLength"/> bytes) and returns the byte count. Allocates nothing.
    /// </summary>
    public static int Format(double d, Span<byte> destination)
    {
        if (double.IsNaN(d)) return Write(destination, "nan"u8);   // LuaJIT prints every NaN as "nan"
        if (double.IsInfinity(d)) return Write(destination, d > 0 ? "inf"u8 : "-inf"u8);

        // Integers of up to 14 digits print as themselves under %.14g: no rounding needed.
        if (d == Math.Floor(d) && Math.Abs(d) < 1e14)
        {
            if (d == 0) return Write(destination, double.IsNegative(d) ? "-0"u8 : "0"u8);
            return WriteInteger(destination, (long)d);
        }
        return FormatG14(d, destination);
    }

    private static int Write(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private static int WriteInteger(Span<byte> destination, long value)
    {
        int pos = 0;
        ulong u;
        if (value < 0) { destination[pos++] = (byte)'-'; u = (ulong)(-value); }
        else u = (ulong)value;
        Span<byte> digits = stackalloc byte[20];
        int n = 0;
        do { digits[n++] = (byte)('0' + (int)(u % 10)); u /= 10; } while (u != 0);
        while (n > 0) destination[pos++] = digits[--n];
        return pos;
    }

    /// <summary>
    /// %.14g for the general case. LuaJIT rounds an exact tie at the 15th digit away from zero, where
    /// .NET rounds it to even, so we ask .NET for 17 correctly rounded digits and round to 14 ourselves.
    /// Only when digits 15..17 read "500" can that double rounding be wrong (the exact value may lie just
    /// below the tie); then 40 exact digits settle it.
    /// </summary>
    private static int FormatG14(double d, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[48];
        bool negative = d < 0;
        int nd = 14;
        // Fast path: when the shortest round-trip form has at most 14 digits, it is also the %.14g
        // rounding (the exact value is within half a binary ulp, 2^-53 relative, of it, and any 14-digit
        // rounding midpoint is 10^-14 relative away).
        // Subnormals have too few bits for that argument, so they always take the slow path.
        int count = 15, exp = 0;
        if (double.IsNormal(d)) exp = ShortestDigits(Math.Abs(d), digits, out count);
        if (count <= 14)
        {
            digits[count..14].Fill((byte)'0');
            digits[14] = (byte)'0';
        }
        else
        {
            exp = SignificantDigits(Math.Abs(d), "E16", digits, out count);
            if (digits[14] == '5' && digits[15] == '0' && digits[16] == '0')
                exp = SignificantDigits(Math.Abs(d), "E40", digits, out count);
        }
        if (digits[14] >= '5')
        {
            int k = 13;
            while (k >= 0 && digits[k] == '9') digits[k--] = (byte)'0';
            if (k >= 0) digits[k]++;
            else { digits[0] = (byte)'1'; exp++; } // 99999999999999.5 -> 1e+14: the rest are zeros already
        }
        while (nd > 1 && digits[nd - 1] == (byte)'0') nd--; // %g drops trailing zeros

        int o = 0;
        if (negative) destination[o++] = (byte)'-';
        if (exp < -4 || exp >= 14)
        {
            destination[o++] = digits[0];
            if (nd > 1)
            {
                destination[o++] = (byte)'.';
                for (int k = 1; k < nd; k++) destination[o++] = digits[k];
            }
            destination[o++] = (byte)'e';
            destination[o++] = exp < 0 ? (byte)'-' : (byte)'+';
            int ae = Math.Abs(exp);
            if (ae >= 100) destination[o++] = (byte)('0' + ae / 100);
            destination[o++] = (byte)('0' + ae / 10 % 10);
            destination[o++] = (byte)('0' + ae % 10);
        }
        else if (exp < 0)
        {
            destination[o++] = (byte)'0';
            destination[o++] = (byte)'.';
            for (int k = -1; k > exp; k--) destination[o++] = (byte)'0';
            for (int k = 0; k < nd; k++) destination[o++] = digits[k];
        }
        else
        {
            for (int k = 0; k <= exp; k++) destination[o++] = k < nd ? digits[k] : (byte)'0';
            if (nd > exp + 1)
            {
                destination[o++] = (byte)'.';
                for (int k = exp + 1; k < nd; k++) destination[o++] = digits[k];
            }
        }
        return o;
    }

    /// <summary>The shortest round-trip digits of <paramref name="d"/> (positive, finite, nonzero) without
    /// leading or trailing zeros, and the decimal exponent of the first one.</summary>
    private static int ShortestDigits(double d, Span<byte> digits, out int count)
    {
        Span<char> r = stackalloc char[40];
        d.TryFormat(r, out int len, "R", CultureInfo.InvariantCulture);
        count = 0;
        int pointAt = -1, p = 0, exp = 0, leadingZeros = 0;
        for (; p < len && r[p] != 'E'; p++)
        {
            char c = r[p];
            if (c == '.') { pointAt = count + leadingZeros; continue; }
            if (c == '0' && count == 0) { leadingZeros++; continue; }
            digits[count++] = (byte)c;
        }
        if (pointAt < 0) pointAt = count + leadingZeros;
        if (p < len)
        {
            p++;
            bool negExp = r[p] == '-';
            if (r[p] == '-' || r[p] == '+') p++;
            for (; p < len; p++) exp = exp * 10 + (r[p] - '0');
            if (negExp) exp = -exp;
        }
        // value = 0.(zeros)(digits) * 10^pointAt * 10^exp
        int decimalExponent = pointAt - leadingZeros - 1 + exp;
        while (count > 1 && digits[count - 1] == (byte)'0') count--;
        return decimalExponent;
    }

    /// <summary>Writes the significant digits of <paramref name="d"/> (positive, finite) as .NET's
    /// exponent format gives them and returns the decimal exponent.</summary>
    private static int SignificantDigits(double d, string format, Span<byte> digits, out int count)
    {
        Span<char> e = stackalloc char[64];
        d.TryFormat(e, out int len, format, CultureInfo.InvariantCulture);
        int p = 0;
        count = 0;
        for (; e[p] != 'E'; p++)
            if (e[p] != '.') digits[count++] = (byte)e[p];
        p++;
        bool negExp = e[p] == '-';
        p++;
        int exp = 0;
        for (; p < len; p++) exp = exp * 10 + (e[p] - '0');
        return negExp ? -exp : exp;
    }

    // ---- string → number ----

    /// <summary>
    /// tonumber(string) / string→number coercion, as LuaJIT's lj_strscan: optional surrounding whitespace
    /// and sign; decimal with optional fraction and exponent; hex "0x..." with optional fraction and 'p'
    /// exponent; binary "0b..."; "inf", "infinity" and "nan" in any case. False for anything else,
    /// including an embedded NUL.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int p = 0, end = s.Length;
        while (p < end && IsSpace(s[p])) p++;
        while (end > p && IsSpace(s[end - 1])) end--;
        if (p == end) return false;
        bool negative = false;
        if (s[p] == '-') { negative = true; p++; }
        else if (s[p] == '+') p++;
        if (p == end) return false;
        var body = s[p..end];

        double result;
        if (!IsDigit(body[0]) && body[0] != '.')
        {
            if (!TryParseSpecial(body, out result)) return false;
        }
        else if (body.Length >= 2 && body[0] == '0' && (body[1] | 0x20) == 'x')
        {
            if (!TryParseHex(body[2..], out result)) return false;
        }
        else if (body.Length >= 2 && body[0] == '0' && (body[1] | 0x20) == 'b')
        {
            if (!TryParseBinary(body[2..], out result)) return false;
        }
        else if (!TryParseDecimal(body, out result)) return false;

        value = negative ? -result : result;
        return true;
    }

    /// <summary>Lua's whitespace set (C isspace in the C locale).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsSpace(byte c) => c == ' ' || (uint)(c - '\t') <= '\r' - '\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool TryParseSpecial(ReadOnlySpan<byte> s, out double result)
    {
        result = 0;
        if (EqualsIgnoreCase(s, "nan"u8)) { result = double.NaN; return true; }
        if (EqualsIgnoreCase(s, "inf"u8) || EqualsIgnoreCase(s, "infinity"u8)) { result = double.PositiveInfinity; return true; }
        return false;
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length != lower.Length) return false;
        for (int i = 0; i < s.Length; i++)
            if ((s[i] | 0x20) != lower[i]) return false;
        return true;
    }

    /// <summary>LuaJIT rejects a written exponent of 2^20 or more ("1e1048576" is not a number).</summary>
    private const int MaxExponent = 1 << 20;

    /// <summary>Checks the decimal grammar (digits, '.', exponent) here, then lets .NET's correctly
    /// rounded parser produce the value.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<byte> s, out double result)
    {
        result = 0;
        int p = 0, digits = 0;
        while (p < s.Length && IsDigit(s[p])) { p++; digits++; }
        if (p < s.Length && s[p] == '.')
        {
            p++;
            while (p < s.Length && IsDigit(s[p])) { p++; digits++; }
        }
        if (digits == 0) return false;
        if (p < s.Length && (s[p] | 0x20) == 'e')
        {
            p++;
            if (p < s.Length && (s[p] == '+' || s[p] == '-')) p++;
            int expDigits = 0, e = 0;
            while (p < s.Length && IsDigit(s[p]))
            {
                e = e * 10 + (s[p] - '0');
                if (e >= MaxExponent) return false;
                p++; expDigits++;
            }
            if (expDigits == 0) return false;
        }
        if (p != s.Length) return false;
        if (digits <= 15 && TryParseShortDecimal(s, out result)) return true;
        return double.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out result);
    }

    private static ReadOnlySpan<double> ExactPowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Digits with an optional fraction and no exponent, at most 15 of them (already checked by the caller):
    /// the digits as an integer are below 2^53, so exact as a double, and dividing by an exact power of ten
    /// rounds once, correctly (Clinger's fast path) — the value .NET's parser would give, without its setup.
    /// </summary>
    private static bool TryParseShortDecimal(ReadOnlySpan<byte> s, out double result)
    {
        long mantissa = 0;
        int fractionDigits = -1;
        foreach (byte c in s)
        {
            if (c == '.') { fractionDigits = 0; continue; }
            if ((uint)(c - '0') > 9) { result = 0; return false; } // an exponent: the general parser
            mantissa = mantissa * 10 + (c - '0');
            if (fractionDigits >= 0) fractionDigits++;
        }
        result = fractionDigits > 0 ? mantissa / ExactPowersOfTen[fractionDigits] : mantissa;
        return true;
    }

    /// <summary>
    /// Hex mantissa with optional fraction and binary exponent. The first 64 significant bits are kept
    /// exactly; any nonzero bit beyond them is folded into the lowest bit (a sticky bit), so the one
    /// rounding step in the ulong→double conversion rounds as if it had seen every digit.
    /// </summary>
    private static bool TryParseHex(ReadOnlySpan<byte> s, out double result)
    {
        result = 0;
        ulong mantissa = 0;
        int exponent = 0;   // binary exponent to apply to mantissa
        int digits = 0;
        bool sticky = false, seenDot = false;
        int p = 0;
        for (; p < s.Length; p++)
        {
            byte c = s[p];
            int v = HexValue(c);
            if (v < 0)
            {
                if (c == '.' && !seenDot) { seenDot = true; continue; }
                break;
            }
            digits++;
            if (mantissa >> 60 == 0) mantissa = (mantissa << 4) | (uint)v;
            else
            {
                if (v != 0) sticky = true;
                exponent += 4;      // a dropped integer digit still scales the value
            }
            if (seenDot) exponent -= 4;
        }
        if (digits == 0) return false;
        if (p < s.Length && (s[p] | 0x20) == 'p')
        {
            p++;
            bool negExp = false;
            if (p < s.Length && (s[p] == '+' || s[p] == '-')) { negExp = s[p] == '-'; p++; }
            int e = 0, expDigits = 0;
            while (p < s.Length && IsDigit(s[p]))
            {
                e = e * 10 + (s[p] - '0');
                if (e >= MaxExponent) return false;
                p++; expDigits++;
            }
            if (expDigits == 0) return false;
            exponent += negExp ? -e : e;
        }
        if (p != s.Length) return false;
        if (sticky) mantissa |= 1;
        result = ScaleExactly(mantissa, exponent);
        return true;
    }

    /// <summary>
    /// mantissa * 2^exponent rounded once, to nearest even. The ulong→double conversion rounds correctly
    /// for normal results; a subnormal result has fewer bits, so there we round by hand at 2^-1074.
    /// </summary>
    private static double ScaleExactly(ulong mantissa, int exponent)
    {
        if (mantissa == 0) return 0;
        int shift = BitOperations.LeadingZeroCount(mantissa);
        mantissa <<= shift;
        exponent -= shift;                      // now mantissa is in [2^63, 2^64)
        if (exponent + 63 >= -1022) return Math.ScaleB((double)mantissa, exponent);
        int drop = -1074 - exponent;            // bits below the subnormal unit 2^-1074
        if (drop > 64) return 0;
        ulong keep = drop == 64 ? 0 : mantissa >> drop;
        ulong rest = drop == 64 ? mantissa : mantissa & ((1UL << drop) - 1);
        ulong half = 1UL << (drop - 1);
        if (rest > half || (rest == half && (keep & 1) != 0)) keep++;
        return Math.ScaleB((double)keep, -1074);
    }

    /// <summary>Binary "0b..." integers: no fraction or exponent, at most 64 significant bits.</summary>
    private static bool TryParseBinary(ReadOnlySpan<byte> s, out double result)
    {
        result = 0;
        if (s.Length == 0) return false;
        ulong v = 0;
        int significant = 0;
        foreach (byte c in s)
        {
            if (c != '0' && c != '1') return false;
            if (significant > 0 || c == '1') significant++;
            if (significant > 64) return false;
            v = (v << 1) | (uint)(c - '0');
        }
        result = v;
        return true;
    }

    private static int HexValue(byte c)
    {
        if ((uint)(c - '0') <= 9) return c - '0';
        int l = c | 0x20;
        if ((uint)(l - 'a') <= 5) return l - 'a' + 10;
        return -1;
    }

    /// <summary>
    /// tonumber(s, base). Base 10 is the ordinary number syntax (as LuaJIT); other bases (2..36) read
    /// like C's strtoul: optional whitespace, one sign, digits of the base (letters in any case, a "0x"
    /// prefix allowed in base 16), optional trailing whitespace; a NUL byte ends the string as in C.
    /// Overflow saturates at 2^64-1, as strtoul does. The caller checks the base range.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, int @base, out double value)
    {
        if (@base == 10) return TryParse(s, out value);
        value = 0;
        if (@base < 2 || @base > 36) return false;
        int nul = s.IndexOf((byte)0);
        if (nul >= 0) s = s[..nul];
        int p = 0;
        while (p < s.Length && IsSpace(s[p])) p++;
        bool negative = false;
        if (p < s.Length && s[p] == '-') { negative = true; p++; }
        else if (p < s.Length && s[p] == '+') p++;
        if (@base == 16 && p + 2 < s.Length && s[p] == '0' && (s[p + 1] | 0x20) == 'x' && DigitValue(s[p + 2]) is >= 0 and < 16)
            p += 2;
        ulong acc = 0;
        bool overflow = false;
        int start = p;
        for (; p < s.Length; p++)
        {
            int d = DigitValue(s[p]);
            if (d < 0 || d >= @base) break;
            ulong next = acc * (ulong)@base + (ulong)d;
            if (acc > (ulong.MaxValue - (ulong)d) / (ulong)@base) overflow = true;
            acc = next;
        }
        if (p == start) return false;
        while (p < s.Length && IsSpace(s[p])) p++;
        if (p != s.Length) return false;
        double result = overflow ? ulong.MaxValue : acc;
        value = negative ? -result : result;
        return true;
    }

    private static int DigitValue(byte c)
    {
        if ((uint)(c - '0') <= 9) return c - '0';
        int l = c | 0x20;
        if ((uint)(l - 'a') <= 25) return l - 'a' + 10;
        return -1;
    }

    /// <summary>
    /// Truncation to int as LuaJIT's argument checks do it (lj_num2int, a C cast on x86-64): toward zero;
    /// NaN and values outside the int range give int.MinValue (x86's "integer indefinite"), where .NET
    /// would saturate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ToInt32(double d)
    {
        if (d >= -2147483648.0 && d < 2147483648.0) return (int)d;
        return int.MinValue;
    }
}
