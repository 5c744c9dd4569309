using System.Text;

namespace Tidegate.Lua.Tests.Runtime;

/// <summary>String → number as LuaJIT's tonumber: every expectation was printed by luajit.</summary>
public class NumberParsingTests
{
    [Theory]
    [InlineData("10", "10")]
    [InlineData(" 10 ", "10")]
    [InlineData("1 0", null)]
    [InlineData("0x1p4", "16")]
    [InlineData("", null)]
    [InlineData("0x", null)]
    [InlineData("1e", null)]
    [InlineData("0x1.8", "1.5")]
    [InlineData("0X1P-1", "0.5")]
    [InlineData("  0x10  ", "16")]
    [InlineData("1e+", null)]
    [InlineData("1.", "1")]
    [InlineData(".", null)]
    [InlineData(" .5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("0x.8", "0.5")]
    [InlineData("-0x10", "-16")]
    [InlineData("- 1", null)]
    [InlineData("+1", "1")]
    [InlineData("-1", "-1")]
    [InlineData("1e500", "inf")]
    [InlineData("-1e500", "-inf")]
    [InlineData("0x1e", "30")]
    [InlineData("\u0009\n12\u000b\u000c\u000d", "12")]
    [InlineData("1\u0000", null)]
    [InlineData("infinity", "inf")]
    [InlineData("0xffffffffffffffffff", "4.7223664828696e+21")]
    [InlineData("1E2", "100")]
    [InlineData("1e-2", "0.01")]
    [InlineData("0x1.", "1")]
    [InlineData("0x.", null)]
    [InlineData("0xp1", null)]
    [InlineData("0x1p", null)]
    [InlineData("00012", "12")]
    [InlineData("1..2", null)]
    [InlineData("1e1.5", null)]
    [InlineData("0b101", "5")]
    [InlineData("1f", null)]
    [InlineData("1LL", null)]
    [InlineData("0x1P+4", "16")]
    [InlineData("--1", null)]
    [InlineData("+-1", null)]
    [InlineData("08", "8")]
    [InlineData("0x-1", null)]
    [InlineData("1i", null)]
    [InlineData("inf", "inf")]
    [InlineData("-inf", "-inf")]
    [InlineData("INF", "inf")]
    [InlineData("NaN", "nan")]
    [InlineData("-nan", "nan")]
    [InlineData("infin", null)]
    [InlineData("+inf", "inf")]
    [InlineData(" inf ", "inf")]
    [InlineData("Infinity", "inf")]
    [InlineData("0B11", "3")]
    [InlineData("0b", null)]
    [InlineData("0b2", null)]
    [InlineData("0b1.1", null)]
    [InlineData("0o7", null)]
    [InlineData("0x1e+1", null)]
    [InlineData("-0", "-0")]
    [InlineData("2.5e-3", "0.0025")]
    [InlineData("0x10p-2", "4")]
    [InlineData("123456789012345678901234567890", "1.2345678901235e+29")]
    [InlineData("0x123456789abcdef123", "3.3581272767073e+20")]
    [InlineData("1e-400", "0")]
    [InlineData("4.9406564584125e-324", "4.9406564584125e-324")]
    [InlineData("0.1e1", "1")]
    [InlineData("\u0000", null)]
    [InlineData("1 ", "1")]
    [InlineData("1\u0009", "1")]
    [InlineData("0x.p1", null)]
    // Hostile exponents and lengths (luajit: exponents of 2^20 or more are not numbers).
    [InlineData("1e1048575", "inf")]
    [InlineData("1e1048576", null)]
    [InlineData("1e-1048575", "0")]
    [InlineData("1e-1048576", null)]
    [InlineData("0x1p1048575", "inf")]
    [InlineData("0x1p1048576", null)]
    [InlineData("0x1p-99999", "0")]
    [InlineData("1e01048575", "inf")]
    [InlineData("1e0000000000000000000000000000005", "100000")]
    [InlineData("0x1p-0000000000000000000001", "0.5")]
    public void TryParse_matches_luajit(string input, string? expected)
    {
        bool ok = LuaNumber.TryParse(Encoding.Latin1.GetBytes(input), out double value);
        Assert.Equal(expected is not null, ok);
        if (ok) Assert.Equal(expected, LuaNumber.ToLuaString(value).ToString());
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("0x1.fffffffffffff8p0", 2.0)]            // rounds up to even across the binade
    [InlineData("0x1.fffffffffffff7ffffffp0", 1.9999999999999998)]
    [InlineData("0x123456789abcdef123", 3.3581272767073033e+20)]
    [InlineData("9007199254740993", 9007199254740992.0)] // halfway: ties to even
    [InlineData("2.2250738585072011e-308", 2.2250738585072009e-308)]
    public void TryParse_rounds_correctly(string input, double expected)
    {
        Assert.True(LuaNumber.TryParse(Encoding.ASCII.GetBytes(input), out double value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void Very_long_inputs_parse()
    {
        // luajit: tonumber(string.rep("9", 400)) --> inf; ("0x" .. string.rep("f", 300)) --> inf;
        // "0." .. 400 zeros .. "1" --> 0; string.rep("1", 100000) --> inf
        Assert.True(LuaNumber.TryParse(Encoding.ASCII.GetBytes(new string('9', 400)), out double a) && double.IsPositiveInfinity(a));
        Assert.True(LuaNumber.TryParse(Encoding.ASCII.GetBytes("0x" + new string('f', 300)), out double b) && double.IsPositiveInfinity(b));
        Assert.True(LuaNumber.TryParse(Encoding.ASCII.GetBytes("0." + new string('0', 400) + "1"), out double c) && c == 0);
        Assert.True(LuaNumber.TryParse(Encoding.ASCII.GetBytes(new string('1', 100000)), out double d) && double.IsPositiveInfinity(d));
    }

    [Fact]
    public void Negative_zero_keeps_its_sign() =>
        Assert.True(LuaNumber.TryParse("-0"u8, out double v) && double.IsNegative(v) && v == 0);

    [Theory]
    [InlineData("10", 2, "2")]
    [InlineData(" 10 ", 16, "16")]
    [InlineData("-ff", 16, "-255")]
    [InlineData("- ff", 16, null)]
    [InlineData("zz", 36, "1295")]
    [InlineData("Z", 36, "35")]
    [InlineData("1.5", 10, "1.5")]     // base 10 is the ordinary number syntax
    [InlineData("1e1", 10, "10")]
    [InlineData("8", 8, null)]
    [InlineData("", 10, null)]
    [InlineData("", 16, null)]
    [InlineData(" ", 16, null)]
    [InlineData("0x10", 16, "16")]
    [InlineData("0x1f", 16, "31")]
    [InlineData("-0x1f", 16, "-31")]
    [InlineData("0x", 16, null)]
    [InlineData("0xg", 16, null)]
    [InlineData("0x", 36, "33")]
    [InlineData("0x1f", 36, "42819")]
    [InlineData("+7", 8, "7")]
    [InlineData("-+7", 8, null)]
    [InlineData("-  7", 8, null)]
    [InlineData("\t1f\n", 16, "31")]
    [InlineData("1 f", 16, null)]
    [InlineData("1.0", 16, null)]
    [InlineData("-0", 8, "-0")]
    [InlineData("1\0", 16, "1")]        // C string: the NUL ends it
    [InlineData("1\0", 10, null)]
    [InlineData("7fffffffffffffff", 16, "9.2233720368548e+18")]
    [InlineData("ffffffffffffffffffff", 16, "1.844674407371e+19")] // strtoul saturates
    public void TryParse_with_base_matches_luajit(string input, int @base, string? expected)
    {
        bool ok = LuaNumber.TryParse(Encoding.Latin1.GetBytes(input), @base, out double value);
        Assert.Equal(expected is not null, ok);
        if (ok) Assert.Equal(expected, LuaNumber.ToLuaString(value).ToString());
    }
}
