using System.Numerics;

namespace Tidegate.Lua.Library;

/// <summary>
/// The printf conversions of string.format, producing exactly LuaJIT's output (lj_strfmt.c and
/// lj_strfmt_num.c). LuaJIT does not use the C library here, and its output differs from glibc's:
/// decimal conversions are exact but round ties away from zero (%.0f of 0.5 is "1", of 2.5 is "3"),
/// %a normalises denormals and lets a rounding carry show as a leading '2', and every NaN prints as
/// "nan" without a sign. Decimal digits are exact: from .NET's formatting where no tie is possible,
/// otherwise from <see cref="ExactDecimal"/>'s BigInteger expansion, so %.20f of 0.1 and %e of a
/// denormal print every digit C would.
/// </summary>
internal static class PrintfConversions
{
    // ---- integers: %d %i %u %o %x %X (lj_strfmt_putfxint) ----

    /// <summary>
    /// Formats <paramref name="k"/>; for signed conversions (%d, %i) it is read as a two's complement
    /// int64 and gets a sign prefix.
    /// </summary>
    public static void AppendInteger(LuaStringBuilder sb, in FormatSpec f, ulong k)
    {
        Span<byte> digits = stackalloc byte[24];
        int q = digits.Length;
        byte prefix = 0;   // sign character, or 'x'/'X' for the "0x" of %#x
        int prefixLength = 0;
        byte kind = f.Kind;

        if (kind is (byte)'d' or (byte)'i')
        {
            if ((long)k < 0)
            {
                k = (ulong)-(long)k;
                prefix = (byte)'-';
                prefixLength = 1;
            }
            else if (f.Plus) { prefix = (byte)'+'; prefixLength = 1; }
            else if (f.Space) { prefix = (byte)' '; prefixLength = 1; }
        }

        int precision = f.Precision;
        bool zeroPad = f.Zero && precision < 0; // a precision turns the 0 flag off
        if (k == 0)
        {
            // "%.0d" of 0 prints no digits at all; "%#o" still prints its 0.
            if (precision != 0 || (kind == 'o' && f.Alternate)) digits[--q] = (byte)'0';
        }
        else if (kind == 'x')
        {
            var hex = f.Upper ? "0123456789ABCDEF"u8 : "0123456789abcdef"u8;
            do { digits[--q] = hex[(int)(k & 15)]; k >>= 4; } while (k != 0);
            if (f.Alternate) { prefix = f.Upper ? (byte)'X' : (byte)'x'; prefixLength = 2; }
        }
        else if (kind == 'o')
        {
            do { digits[--q] = (byte)('0' + (int)(k & 7)); k >>= 3; } while (k != 0);
            if (f.Alternate) digits[--q] = (byte)'0';
        }
        else
        {
            do { digits[--q] = (byte)('0' + (int)(k % 10)); k /= 10; } while (k != 0);
        }

        int length = digits.Length - q;
        int minDigits = precision > length ? precision : length;
        int used = minDigits + prefixLength;
        int pad = f.Width > used ? f.Width - used : 0;

        if (!f.Left && !zeroPad) sb.Append((byte)' ', pad);
        if (prefixLength == 2) sb.Append((byte)'0');
        if (prefixLength > 0) sb.Append(prefix);
        if (!f.Left && zeroPad) sb.Append((byte)'0', pad);
        sb.Append((byte)'0', minDigits - length);
        sb.Append(digits[q..]);
        if (f.Left) sb.Append((byte)' ', pad);
    }

    // ---- floating point: %e %E %f %F %g %G %a %A (lj_strfmt_putfnum) ----

    public static void AppendFloat(LuaStringBuilder sb, in FormatSpec f, double n)
    {
        if (!double.IsFinite(n))
        {
            AppendNonFinite(sb, f, n);
            return;
        }
        byte sign = double.IsNegative(n) ? (byte)'-' : f.Plus ? (byte)'+' : f.Space ? (byte)' ' : (byte)0;
        if (f.Kind == 'a')
        {
            AppendHexFloat(sb, f, n, sign);
            return;
        }

        var body = LuaStringBuilder.Scratch();
        double x = Math.Abs(n);
        int precision = f.Precision < 0 ? 6 : f.Precision;
        switch (f.Kind)
        {
            case (byte)'e':
                AppendExponentForm(body, DigitsForExponentForm(x, precision), precision, f.Alternate, f.Upper, stripZeros: false);
                break;
            case (byte)'f':
                if (!TryAppendFixedFormDirect(body, x, precision, f.Alternate))
                    AppendFixedForm(body, DigitsForFixedForm(x, precision), precision, f.Alternate, stripZeros: false);
                break;
            default: // 'g'
            {
                if (precision == 0) precision = 1;
                var e = DigitsForExponentForm(x, precision - 1);
                // The exponent %e would print, after rounding to `precision` significant digits.
                int exponent = e.IsZero ? 0 : e.RoundedToSignificant(precision).PointPosition - 1;
                if (exponent < -4 || exponent >= precision)
                    AppendExponentForm(body, e, precision - 1, f.Alternate, f.Upper, stripZeros: !f.Alternate);
                else
                {
                    int fraction = precision - 1 - exponent;
                    AppendFixedForm(body, DigitsForFixedForm(x, fraction), fraction, f.Alternate, stripZeros: !f.Alternate);
                }
                break;
            }
        }
        AppendPadded(sb, f, sign, ReadOnlySpan<byte>.Empty, body.Span);
    }

    // .NET formats doubles with exact digits too, but breaks exact ties to even where LuaJIT rounds them
    // away from zero. A tie needs the exact expansion to end right after the last kept digit, so when the
    // value's binary fraction rules that out, .NET's (much faster) digits are LuaJIT's digits; otherwise
    // the exact BigInteger expansion decides.

    /// <summary>Digits for %e with <paramref name="precision"/> fraction digits (precision + 1 significant).</summary>
    private static ExactDecimal DigitsForExponentForm(double x, int precision)
    {
        // x = m × 2^-k with m odd has at least floor(k × log10 5) + 1 significant digits: from k = 28
        // on that is 20 or more, so no tie is possible at up to 18 significant digits.
        if (x != 0 && precision <= 17 && FractionBits(x) >= 28)
            return FormatWithDotNet(x, ExponentFormats, precision);
        return ExactDecimal.Of(x);
    }

    /// <summary>Digits for %f with <paramref name="precision"/> fraction digits.</summary>
    private static ExactDecimal DigitsForFixedForm(double x, int precision)
    {
        // The fraction of m × 2^-k has exactly k decimal digits, the last a 5: a tie only when k = precision + 1.
        if (x != 0 && FractionBits(x) != precision + 1)
            return FormatWithDotNet(x, FixedFormats, precision);
        return ExactDecimal.Of(x);
    }

    /// <summary>
    /// %f of x (finite, not negative) with at most 19 fraction digits, computed exactly in integers: x is
    /// m × 2^-k (m below 2^53), so x × 10^precision is m × 10^precision / 2^k, and its rounding half away
    /// from zero (LuaJIT's) needs only the remainder of that division, with no tie to detect. Covers the
    /// usual values (k up to 127, a result below 2^64); false leaves the rest to the general path.
    /// Measured: .NET's formatting of the digits was 15% of bench/lua/string-build.
    /// </summary>
    private static bool TryAppendFixedFormDirect(LuaStringBuilder body, double x, int precision, bool alternate)
    {
        if (precision > 19) return false;
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7ff);
        ulong mantissa = (ulong)bits & 0x000f_ffff_ffff_ffffUL;
        ulong rounded;
        if (biased == 0 && mantissa == 0) rounded = 0;
        else
        {
            if (biased == 0) return false; // denormal: k = 1074
            int k = 1075 - biased;
            if (k <= 0 || k > 127) return false;
            UInt128 scaled = (UInt128)(mantissa | (1UL << 52)) * PowersOfTen[precision];
            UInt128 quotient = scaled >> k;
            UInt128 remainder = scaled - (quotient << k);
            if (remainder >= (UInt128.One << (k - 1))) quotient++;
            if (quotient > ulong.MaxValue) return false;
            rounded = (ulong)quotient;
        }

        Span<byte> digits = stackalloc byte[24];
        int q = digits.Length;
        do { digits[--q] = (byte)('0' + (int)(rounded % 10)); rounded /= 10; } while (rounded != 0);
        while (digits.Length - q <= precision) digits[--q] = (byte)'0'; // at least one integer digit
        int integerEnd = digits.Length - precision;
        body.Append(digits[q..integerEnd]);
        if (precision > 0 || alternate) body.Append((byte)'.');
        body.Append(digits[integerEnd..]);
        return true;
    }

    private static readonly ulong[] PowersOfTen = CreatePowersOfTen();

    private static ulong[] CreatePowersOfTen()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
        return powers;
    }

    // Format strings for each precision LuaJIT's parser allows (0..99), made once.
    private static readonly string[] FixedFormats = Enumerable.Range(0, 100).Select(p => "F" + p).ToArray();
    private static readonly string[] ExponentFormats = Enumerable.Range(0, 100).Select(p => "E" + p).ToArray();

    private static ExactDecimal FormatWithDotNet(double x, string[] formats, int precision)
    {
        // %.99f of the largest double needs 309 + 1 + 99 characters.
        Span<char> text = stackalloc char[512];
        if (x.TryFormat(text, out int written, formats[precision], System.Globalization.CultureInfo.InvariantCulture))
            return ExactDecimal.FromDotNet(text[..written]);
        return ExactDecimal.FromDotNet(x.ToString(formats[precision], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>k for x = m × 2^-k with m odd (0 for integers).</summary>
    private static int FractionBits(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7ff);
        long mantissa = bits & 0x000f_ffff_ffff_ffffL;
        int exponent = biased == 0 ? -1074 : biased - 1075;
        if (biased != 0) mantissa |= 1L << 52;
        exponent += BitOperations.TrailingZeroCount(mantissa);
        return exponent >= 0 ? 0 : -exponent;
    }

    /// <summary>Writes sign, prefix and body into a field of the spec's width, honouring '-' and '0'.</summary>
    private static void AppendPadded(LuaStringBuilder sb, in FormatSpec f, byte sign, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        int used = (sign != 0 ? 1 : 0) + prefix.Length + body.Length;
        int pad = f.Width > used ? f.Width - used : 0;
        if (!f.Left && !f.Zero) sb.Append((byte)' ', pad);
        if (sign != 0) sb.Append(sign);
        sb.Append(prefix);
        if (!f.Left && f.Zero) sb.Append((byte)'0', pad);
        sb.Append(body);
        if (f.Left) sb.Append((byte)' ', pad);
    }

    private static void AppendNonFinite(LuaStringBuilder sb, in FormatSpec f, double n)
    {
        byte sign;
        ReadOnlySpan<byte> word;
        if (double.IsNaN(n))
        {
            // LuaJIT prints no sign for NaN, only the ' ' flag's blank.
            sign = f.Space ? (byte)' ' : (byte)0;
            word = f.Upper ? "NAN"u8 : "nan"u8;
        }
        else
        {
            sign = n < 0 ? (byte)'-' : f.Plus ? (byte)'+' : f.Space ? (byte)' ' : (byte)0;
            word = f.Upper ? "INF"u8 : "inf"u8;
        }
        // Never zero-padded.
        int used = (sign != 0 ? 1 : 0) + 3;
        int pad = f.Width > used ? f.Width - used : 0;
        if (!f.Left) sb.Append((byte)' ', pad);
        if (sign != 0) sb.Append(sign);
        sb.Append(word);
        if (f.Left) sb.Append((byte)' ', pad);
    }

    private static void AppendFixedForm(LuaStringBuilder body, ExactDecimal digits, int precision, bool alternate, bool stripZeros)
    {
        var r = digits.RoundedToFraction(precision);
        // Integer part.
        if (r.PointPosition <= 0) body.Append((byte)'0');
        else
            for (int i = 0; i < r.PointPosition; i++) body.Append(r.DigitAt(i));
        // Fraction.
        int fractionDigits = precision;
        if (stripZeros)
        {
            while (fractionDigits > 0 && r.DigitAt(r.PointPosition + fractionDigits - 1) == '0') fractionDigits--;
        }
        if (fractionDigits > 0 || alternate) body.Append((byte)'.');
        for (int i = 0; i < fractionDigits; i++) body.Append(r.DigitAt(r.PointPosition + i));
    }

    private static void AppendExponentForm(LuaStringBuilder body, ExactDecimal digits, int precision, bool alternate, bool upper, bool stripZeros)
    {
        int exponent = 0;
        ExactDecimal r = digits;
        if (!digits.IsZero)
        {
            r = digits.RoundedToSignificant(precision + 1);
            exponent = r.PointPosition - 1;
        }
        body.Append(r.IsZero ? (byte)'0' : r.DigitAt(0));
        int fractionDigits = precision;
        if (stripZeros)
        {
            while (fractionDigits > 0 && (r.IsZero || r.DigitAt(fractionDigits) == '0')) fractionDigits--;
        }
        if (fractionDigits > 0 || alternate) body.Append((byte)'.');
        for (int i = 1; i <= fractionDigits; i++) body.Append(r.IsZero ? (byte)'0' : r.DigitAt(i));
        body.Append(upper ? (byte)'E' : (byte)'e');
        body.Append(exponent < 0 ? (byte)'-' : (byte)'+');
        int e = Math.Abs(exponent);
        if (e < 10) body.Append((byte)'0');
        body.AppendAscii(e.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>%a as LuaJIT writes it: denormals normalised, rounding by adding half a digit (a carry shows as '2').</summary>
    private static void AppendHexFloat(LuaStringBuilder sb, in FormatSpec f, double n, byte sign)
    {
        var hex = f.Upper ? "0123456789ABCDEF"u8 : "0123456789abcdef"u8;
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(n);
        int e = (int)((bits >> 52) & 0x7ff);
        ulong t = bits & 0x000f_ffff_ffff_ffffUL;
        if (e != 0)
        {
            t |= 1UL << 52;
            e -= 1023;
        }
        else if (t != 0)
        {
            // Shift the highest set bit up to bit 52.
            int shift = 52 - (63 - BitOperations.LeadingZeroCount(t));
            e = -1022 - shift;
            t <<= shift;
        }
        int precision = f.Precision;
        if (precision < 0)
        {
            // The fewest hex digits that show the value exactly.
            ulong fraction = t & 0x000f_ffff_ffff_ffffUL;
            precision = fraction == 0 ? 0 : 13 - BitOperations.TrailingZeroCount(fraction) / 4;
        }
        else if (precision < 13)
        {
            t += 1UL << (51 - precision * 4);
        }

        var body = LuaStringBuilder.Scratch();
        body.Append((byte)('0' + (int)(t >> 52)));
        if (precision > 0 || f.Alternate)
        {
            body.Append((byte)'.');
            int shown = Math.Min(precision, 13);
            ulong fraction = precision < 13 ? t >> (52 - precision * 4) : t;
            Span<byte> frac = stackalloc byte[13];
            for (int i = shown - 1; i >= 0; i--)
            {
                frac[i] = hex[(int)(fraction & 15)];
                fraction >>= 4;
            }
            body.Append(frac[..shown]);
            body.Append((byte)'0', precision - shown);
        }
        body.Append(f.Upper ? (byte)'P' : (byte)'p');
        body.Append(e < 0 ? (byte)'-' : (byte)'+');
        body.AppendAscii(Math.Abs(e).ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppendPadded(sb, f, sign, f.Upper ? "0X"u8 : "0x"u8, body.Span);
    }
}
