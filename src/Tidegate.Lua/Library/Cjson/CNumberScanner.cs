using System.Globalization;

namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// C's <c>strtod</c> in the C locale (glibc), which lua-cjson uses to read numbers: the longest prefix
/// that is a number — optional sign, then decimal digits with optional point and exponent, or hex
/// "0x..." with optional point and binary 'p' exponent, or "inf"/"infinity"/"nan"/"nan(chars)" in any
/// case — converted with correct rounding (overflow gives infinity, underflow zero or a denormal).
/// Leading white space never reaches it here (the JSON tokenizer has skipped it).
/// </summary>
internal static class CNumberScanner
{
    /// <summary>Reads a number at the start of <paramref name="s"/>; returns the bytes used, 0 if none.</summary>
    public static int Scan(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';

        if (MatchesIgnoringCase(s, i, "inf"u8))
        {
            i += 3;
            if (MatchesIgnoringCase(s, i, "inity"u8)) i += 5;
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return i;
        }
        if (MatchesIgnoringCase(s, i, "nan"u8))
        {
            i += 3;
            if (i < s.Length && s[i] == '(')
            {
                int j = i + 1;
                while (j < s.Length && (char.IsAsciiLetterOrDigit((char)s[j]) || s[j] == '_')) j++;
                if (j < s.Length && s[j] == ')') i = j + 1;
            }
            // glibc keeps the sign on a NaN; it is invisible in Lua (every NaN prints "nan").
            value = negative ? -double.NaN : double.NaN;
            return i;
        }
        if (i + 2 < s.Length && s[i] == '0' && (s[i + 1] | 0x20) == 'x' &&
            (IsHexDigit(s[i + 2]) || (s[i + 2] == '.' && i + 3 < s.Length && IsHexDigit(s[i + 3]))))
        {
            int end = ScanHex(s, i + 2, out double magnitude);
            value = negative ? -magnitude : magnitude;
            return end;
        }
        return ScanDecimal(s, i, negative, out value);
    }

    private static int ScanDecimal(ReadOnlySpan<byte> s, int start, bool negative, out double value)
    {
        value = 0;
        int i = start;
        int integerDigits = 0, fractionDigits = 0;
        while (i < s.Length && IsDigit(s[i])) { i++; integerDigits++; }
        if (i < s.Length && s[i] == '.')
        {
            int j = i + 1;
            while (j < s.Length && IsDigit(s[j])) { j++; fractionDigits++; }
            if (integerDigits + fractionDigits > 0) i = j;
        }
        if (integerDigits + fractionDigits == 0) return 0;
        int mantissaEnd = i;
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            int j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
            if (j < s.Length && IsDigit(s[j]))
            {
                while (j < s.Length && IsDigit(s[j])) j++;
                i = j;
            }
        }

        // Plain integers of up to 15 digits are exact in a double: no parser needed.
        if (fractionDigits == 0 && i == mantissaEnd && integerDigits <= 15)
        {
            long n = 0;
            for (int k = start; k < start + integerDigits; k++) n = n * 10 + (s[k] - '0');
            value = negative ? -(double)n : n;
            return i;
        }

        value = ExactSmallDecimal(s, start, integerDigits, fractionDigits, mantissaEnd, i, out bool exact);
        if (!exact) value = ParseDecimal(s[start..i]);
        if (negative) value = -value;
        return i;
    }

    private static readonly double[] ExactPowersOfTen =
        { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

    /// <summary>
    /// Clinger's fast path: at most 15 significant digits and a decimal exponent within ±22, where the
    /// digits and the power of ten are both exact doubles, so one multiplication or division rounds
    /// correctly. Most JSON numbers ("68.5", "3.14159", "1e-7") take it; the rest are parsed in full.
    /// </summary>
    private static double ExactSmallDecimal(ReadOnlySpan<byte> s, int start, int integerDigits, int fractionDigits, int mantissaEnd, int end, out bool exact)
    {
        exact = false;
        if (integerDigits + fractionDigits > 15) return 0;
        long digits = 0;
        for (int k = start; k < mantissaEnd; k++)
            if (s[k] != '.') digits = digits * 10 + (s[k] - '0');
        int exponent = -fractionDigits;
        if (end > mantissaEnd)
        {
            int k = mantissaEnd + 1;
            bool negativeExponent = false;
            if (s[k] == '+' || s[k] == '-') negativeExponent = s[k++] == '-';
            if (end - k > 3) return 0;
            int e = 0;
            for (; k < end; k++) e = e * 10 + (s[k] - '0');
            exponent += negativeExponent ? -e : e;
        }
        if (exponent < -22 || exponent > 22) return 0;
        exact = true;
        return exponent >= 0 ? digits * ExactPowersOfTen[exponent] : digits / ExactPowersOfTen[-exponent];
    }

    /// <summary>
    /// Correctly rounded conversion of digits[.digits][e[sign]digits] by .NET's UTF-8 parser, on a normalised copy
    /// (it wants a digit before the point and a bounded exponent).
    /// </summary>
    private static double ParseDecimal(ReadOnlySpan<byte> text)
    {
        int e = text.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = e < 0 ? text : text[..e];
        long exponent = 0;
        if (e >= 0)
        {
            int k = e + 1;
            bool negativeExponent = false;
            if (text[k] == '+' || text[k] == '-') negativeExponent = text[k++] == '-';
            for (; k < text.Length; k++)
                exponent = Math.Min(exponent * 10 + (text[k] - '0'), 1_000_000_000L);
            if (negativeExponent) exponent = -exponent;
        }
        // Beyond these the result is 0 or infinity whatever the digits (a mantissa longer than the exponent
        // room cannot come from a Lua string of sensible size).
        exponent = Math.Clamp(exponent, -400_000_000L, 400_000_000L);

        // digits [. digits] e exponent, as bytes: a digit before any point, no point at the end.
        var normalised = new byte[mantissa.Length + 16];
        int n = 0;
        if (mantissa[0] == '.') normalised[n++] = (byte)'0';
        mantissa.CopyTo(normalised.AsSpan(n));
        n += mantissa.Length;
        if (normalised[n - 1] == '.') n--;
        normalised[n++] = (byte)'e';
        exponent.TryFormat(normalised.AsSpan(n), out int written, provider: CultureInfo.InvariantCulture);
        n += written;
        return double.Parse(normalised.AsSpan(0, n), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Hex digits with an optional point and 'p' exponent, from just after "0x"; rounds to nearest even.</summary>
    private static int ScanHex(ReadOnlySpan<byte> s, int start, out double value)
    {
        ulong mantissa = 0;
        long exponent = 0;        // value = mantissa * 2^exponent (before the 'p' part)
        bool sticky = false;      // nonzero digits dropped beyond the 60 bits kept
        int i = start;
        bool point = false;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            if (c == '.' && !point) { point = true; continue; }
            if (!IsHexDigit(c)) break;
            int digit = HexValue(c);
            if ((mantissa >> 56) == 0)
            {
                mantissa = mantissa << 4 | (uint)digit;
                if (point) exponent -= 4;
            }
            else
            {
                if (digit != 0) sticky = true;
                if (!point) exponent += 4;
            }
        }
        if (i < s.Length && (s[i] | 0x20) == 'p')
        {
            int j = i + 1;
            bool negativeExponent = false;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) negativeExponent = s[j++] == '-';
            if (j < s.Length && IsDigit(s[j]))
            {
                long binaryExponent = 0;
                while (j < s.Length && IsDigit(s[j])) binaryExponent = Math.Min(binaryExponent * 10 + (s[j++] - '0'), 1L << 40); // far beyond any digit count
                exponent += negativeExponent ? -binaryExponent : binaryExponent;
                i = j;
            }
        }
        value = Compose(mantissa, sticky, exponent);
        return i;
    }

    /// <summary>mantissa * 2^exponent (with sticky bits below), rounded to a double as IEEE's nearest-even.</summary>
    private static double Compose(ulong mantissa, bool sticky, long exponent)
    {
        if (mantissa == 0) return 0;
        int shiftUp = System.Numerics.BitOperations.LeadingZeroCount(mantissa);
        mantissa <<= shiftUp;
        exponent -= shiftUp;
        long top = exponent + 63;                  // the value is in [2^top, 2^(top+1))
        if (top > 1023) return double.PositiveInfinity;
        int keep = top >= -1022 ? 53 : (int)(53 - (-1022 - top));
        if (keep <= 0)
        {
            // Below half the smallest denormal rounds to 0; above it, to the smallest denormal.
            if (keep == 0 && (mantissa > 1UL << 63 || (mantissa == 1UL << 63 && sticky))) return double.Epsilon;
            return 0;
        }
        int drop = 64 - keep;
        ulong kept = mantissa >> drop;
        ulong rest = mantissa & ((1UL << drop) - 1);
        ulong half = 1UL << (drop - 1);
        if (rest > half || (rest == half && (sticky || (kept & 1) != 0))) kept++;
        return Math.ScaleB(kept, (int)(exponent + drop));
    }

    private static bool MatchesIgnoringCase(ReadOnlySpan<byte> s, int at, ReadOnlySpan<byte> lowerWord)
    {
        if (s.Length - at < lowerWord.Length) return false;
        for (int k = 0; k < lowerWord.Length; k++)
            if ((s[at + k] | 0x20) != lowerWord[k]) return false;
        return true;
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;
    private static bool IsHexDigit(byte c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 5;
    private static int HexValue(byte c) => IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}
