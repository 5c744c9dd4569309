using System.Numerics;

namespace Tidegate.Lua.Library;

/// <summary>
/// The exact decimal value of a finite, non-negative double: 0.d1d2d3... × 10^PointPosition, with the
/// digits in <see cref="Digits"/> (no leading zeros, no trailing zeros). Rounding is to nearest with
/// ties away from zero, as LuaJIT rounds.
/// </summary>
internal readonly struct ExactDecimal
{
    public readonly byte[] Digits;
    /// <summary>How many digits stand before the decimal point (may be zero or negative).</summary>
    public readonly int PointPosition;

    private ExactDecimal(byte[] digits, int pointPosition)
    {
        Digits = digits;
        PointPosition = pointPosition;
    }

    public bool IsZero => Digits.Length == 0;

    /// <summary>The digit at <paramref name="i"/> (0 = the first significant digit), '0' beyond the stored digits.</summary>
    public byte DigitAt(int i) => (uint)i < (uint)Digits.Length ? Digits[i] : (byte)'0';

    public static ExactDecimal Of(double value)
    {
        if (value == 0) return new ExactDecimal(Array.Empty<byte>(), 1);
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7ff);
        long mantissa = bits & 0x000f_ffff_ffff_ffffL;
        int exponent;
        if (biased == 0) exponent = -1074;
        else
        {
            mantissa |= 1L << 52;
            exponent = biased - 1075;
        }
        // value = mantissa × 2^exponent, exactly.
        string text;
        int point;
        if (exponent >= 0)
        {
            text = (new BigInteger(mantissa) << exponent).ToString(System.Globalization.CultureInfo.InvariantCulture);
            point = text.Length;
        }
        else if (exponent > -64 && (mantissa & ((1L << -exponent) - 1)) == 0)
        {
            text = (mantissa >> -exponent).ToString(System.Globalization.CultureInfo.InvariantCulture);
            point = text.Length;
        }
        else
        {
            // mantissa / 2^k == mantissa × 5^k / 10^k
            int k = -exponent;
            text = (new BigInteger(mantissa) * BigInteger.Pow(5, k)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            point = text.Length - k;
        }
        int end = text.Length;
        while (end > 0 && text[end - 1] == '0') end--;
        var digits = new byte[end];
        for (int i = 0; i < end; i++) digits[i] = (byte)text[i];
        return new ExactDecimal(digits, point);
    }

    /// <summary>
    /// The digits of .NET's "F" or "E" formatting of a non-negative number ("123.4500", "1.2345E+004"),
    /// already rounded to the precision asked for.
    /// </summary>
    public static ExactDecimal FromDotNet(ReadOnlySpan<char> text)
    {
        int exponentAt = text.IndexOf('E');
        int exponent = 0;
        var mantissa = text;
        if (exponentAt >= 0)
        {
            exponent = int.Parse(text[(exponentAt + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
            mantissa = text[..exponentAt];
        }
        int dot = mantissa.IndexOf('.');
        int integerDigits = dot < 0 ? mantissa.Length : dot;
        var digits = new byte[mantissa.Length];
        int count = 0, point = integerDigits + exponent;
        foreach (char c in mantissa)
        {
            if (c == '.') continue;
            if (count == 0 && c == '0')
            {
                point--; // a leading zero moves the first significant digit right
                continue;
            }
            digits[count++] = (byte)c;
        }
        while (count > 0 && digits[count - 1] == '0') count--;
        if (count == 0) return new ExactDecimal(Array.Empty<byte>(), 1);
        return new ExactDecimal(digits[..count], point);
    }

    /// <summary>Rounded to <paramref name="count"/> significant digits.</summary>
    public ExactDecimal RoundedToSignificant(int count) => RoundAt(count);

    /// <summary>Rounded to <paramref name="fractionDigits"/> digits after the decimal point.</summary>
    public ExactDecimal RoundedToFraction(int fractionDigits) => RoundAt(PointPosition + fractionDigits);

    /// <summary>Keeps the first <paramref name="keep"/> digits, rounding half away from zero on the rest.</summary>
    private ExactDecimal RoundAt(int keep)
    {
        if (IsZero || keep >= Digits.Length) return this;
        if (keep < 0) return new ExactDecimal(Array.Empty<byte>(), 1);
        bool up = Digits[keep] >= '5';
        var kept = Digits.AsSpan(0, keep).ToArray();
        int point = PointPosition;
        if (up)
        {
            int i = keep - 1;
            while (i >= 0 && kept[i] == '9') kept[i--] = (byte)'0';
            if (i >= 0) kept[i]++;
            else
            {
                // 99.9 → 100: one more digit in front.
                var grown = new byte[keep + 1];
                grown[0] = (byte)'1';
                kept.CopyTo(grown, 1);
                kept = grown;
                point++;
            }
        }
        int end = kept.Length;
        while (end > 0 && kept[end - 1] == '0') end--;
        if (end == 0) return new ExactDecimal(Array.Empty<byte>(), 1);
        return new ExactDecimal(end == kept.Length ? kept : kept[..end], point);
    }
}
