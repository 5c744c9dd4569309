using System.Text;
using Tidegate.Lua.Library.Cjson;

namespace Tidegate.Lua.Tests.Cjson;

// The number conversions below lua-cjson's surface, with expectations that are C's (glibc's printf
// "%.Ng" and strtod); the differential scripts check the same through luajit.
public class JsonNumberTests
{
    private static string Format(double d, int precision)
    {
        Span<byte> buffer = stackalloc byte[JsonNumberFormatter.MaxLength];
        return Encoding.ASCII.GetString(buffer[..JsonNumberFormatter.Format(d, precision, buffer)]);
    }

    [Theory]
    [InlineData(0.1, 14, "0.1")]
    [InlineData(-0.0, 14, "-0")]
    [InlineData(123456789012345.0, 14, "1.2345678901234e+14")]   // an exact tie rounds to even
    [InlineData(123456789012355.0, 14, "1.2345678901236e+14")]
    [InlineData(0.25, 1, "0.2")]
    [InlineData(0.35, 1, "0.3")]
    [InlineData(2.5, 1, "2")]
    [InlineData(1e-5, 14, "1e-05")]
    [InlineData(1e-4, 14, "0.0001")]
    [InlineData(1e100, 14, "1e+100")]
    [InlineData(5e-324, 14, "4.9406564584125e-324")]
    [InlineData(100, 2, "1e+02")]
    [InlineData(99, 2, "99")]
    [InlineData(3.141592653589793, 16, "3.141592653589793")]
    [InlineData(double.PositiveInfinity, 14, "inf")]
    [InlineData(double.NegativeInfinity, 14, "-inf")]
    public void FormatsAsPercentG(double value, int precision, string expected) => Assert.Equal(expected, Format(value, precision));

    private static (int Used, double Value) Scan(string text)
    {
        int used = CNumberScanner.Scan(Encoding.ASCII.GetBytes(text), out double value);
        return (used, value);
    }

    [Theory]
    [InlineData("12", 2, 12.0)]
    [InlineData("-0.5e1x", 6, -5.0)]
    [InlineData("1e", 1, 1.0)]
    [InlineData("1e+", 1, 1.0)]
    [InlineData("1.", 2, 1.0)]
    [InlineData(".5", 2, 0.5)]
    [InlineData("0x1p4", 5, 16.0)]
    [InlineData("0x", 1, 0.0)]
    [InlineData("0x1.8", 5, 1.5)]
    [InlineData("infinity", 8, double.PositiveInfinity)]
    [InlineData("-INFx", 4, double.NegativeInfinity)]
    [InlineData("1e400", 5, double.PositiveInfinity)]
    [InlineData("1e-400", 6, 0.0)]
    [InlineData("0x1p-1074", 9, double.Epsilon)]
    [InlineData("0x1p-1075", 9, 0.0)]
    public void ScansAsStrtod(string text, int used, double value)
    {
        var (u, v) = Scan(text);
        Assert.Equal(used, u);
        Assert.Equal(value, v);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN(abc_1)")]
    public void ScansNaN(string text)
    {
        var (u, v) = Scan(text);
        Assert.Equal(text.Length, u);
        Assert.True(double.IsNaN(v));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+.")]
    [InlineData("x1")]
    [InlineData(".")]
    public void RejectsNonNumbers(string text) => Assert.Equal(0, Scan(text).Used);

    [Fact]
    public void HexRoundsToNearestEven()
    {
        Assert.Equal(1.0, Scan("0x1.00000000000008p0").Value);            // a tie: down to even
        Assert.Equal(1.0000000000000004, Scan("0x1.00000000000018p0").Value); // a tie: up to even
        Assert.Equal(1.0000000000000002, Scan("0x1.000000000000080001p0").Value);
    }
}
