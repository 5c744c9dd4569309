using System.Globalization;

namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// Numbers as lua-cjson writes them: C's <c>"%.{precision}g"</c> from glibc's snprintf, which prints the
/// exact binary value rounded to nearest with ties to even (LuaJIT's own formatter rounds ties away from
/// zero, so <see cref="Runtime.LuaNumber"/> cannot be reused: 123456789012345 is 1.2345678901234e+14
/// here and 1.2345678901235e+14 in tostring). .NET's "E" format gives the same correctly rounded digits;
/// this only lays them out as %g does. Infinities are "inf" and "-inf"; NaN is the encoder's business.
/// </summary>
internal static class JsonNumberFormatter
{
    /// <summary>The longest output: sign, 16 digits, point, "e-324".</summary>
    public const int MaxLength = 32;

    private static readonly string[] ExponentFormats = Enumerable.Range(0, 17).Select(p => "E" + p).ToArray();
    private static readonly double[] PowersOfTen = Enumerable.Range(0, 18).Select(p => Math.Pow(10, p)).ToArray();

    /// <summary>Writes <paramref name="d"/> with 1..16 significant digits and returns the byte count.</summary>
    public static int Format(double d, int precision, Span<byte> destination)
    {
        if (double.IsInfinity(d)) return Write(destination, d > 0 ? "inf"u8 : "-inf"u8);
        if (d == 0) return Write(destination, double.IsNegative(d) ? "-0"u8 : "0"u8);

        int o = 0;
        if (d < 0) destination[o++] = (byte)'-';
        double x = Math.Abs(d);

        // Integers with at most `precision` digits print as themselves: the common case, without formatting.
        if (x < PowersOfTen[precision] && x == Math.Floor(x))
        {
            ulong u = (ulong)x;
            Span<byte> reversed = stackalloc byte[20];
            int n = 0;
            do { reversed[n++] = (byte)('0' + (int)(u % 10)); u /= 10; } while (u != 0);
            while (n > 0) destination[o++] = reversed[--n];
            return o;
        }

        // "d.ddddE+ddd": `precision` significant digits, correctly rounded.
        Span<char> text = stackalloc char[48];
        x.TryFormat(text, out int length, ExponentFormats[precision - 1], CultureInfo.InvariantCulture);
        Span<byte> digits = stackalloc byte[20];
        int count = 0, p = 0;
        for (; text[p] != 'E'; p++)
            if (text[p] != '.') digits[count++] = (byte)text[p];
        p++;
        bool negativeExponent = text[p++] == '-';
        int exponent = 0;
        for (; p < length; p++) exponent = exponent * 10 + (text[p] - '0');
        if (negativeExponent) exponent = -exponent;
        while (count > 1 && digits[count - 1] == '0') count--; // %g drops trailing zeros

        if (exponent < -4 || exponent >= precision)
        {
            destination[o++] = digits[0];
            if (count > 1)
            {
                destination[o++] = (byte)'.';
                for (int k = 1; k < count; k++) destination[o++] = digits[k];
            }
            destination[o++] = (byte)'e';
            destination[o++] = exponent < 0 ? (byte)'-' : (byte)'+';
            int magnitude = Math.Abs(exponent);
            if (magnitude >= 100) destination[o++] = (byte)('0' + magnitude / 100);
            destination[o++] = (byte)('0' + magnitude / 10 % 10);
            destination[o++] = (byte)('0' + magnitude % 10);
        }
        else if (exponent < 0)
        {
            destination[o++] = (byte)'0';
            destination[o++] = (byte)'.';
            for (int k = -1; k > exponent; k--) destination[o++] = (byte)'0';
            for (int k = 0; k < count; k++) destination[o++] = digits[k];
        }
        else
        {
            for (int k = 0; k <= exponent; k++) destination[o++] = k < count ? digits[k] : (byte)'0';
            if (count > exponent + 1)
            {
                destination[o++] = (byte)'.';
                for (int k = exponent + 1; k < count; k++) destination[o++] = digits[k];
            }
        }
        return o;
    }

    private static int Write(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
