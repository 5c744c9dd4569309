using System.Text;

namespace Tidegate.Lua.Tests.Runtime;

/// <summary>tostring(number) against LuaJIT's output: every expectation was printed by luajit.</summary>
public class NumberFormattingTests
{
    public static TheoryData<double, string> Cases => new()
    {
        { 0, "0" }, { -0.0, "-0" }, { 1, "1" }, { -1, "-1" }, { 100, "100" },
        { Math.Pow(2, 53), "9.007199254741e+15" }, { Math.Pow(2, 53) + 2, "9.007199254741e+15" },
        { 1e14, "1e+14" }, { 1e14 - 1, "99999999999999" }, { 123456789012345, "1.2345678901235e+14" },
        { 1e15, "1e+15" }, { 1e16, "1e+16" }, { 0.1, "0.1" }, { 0.5, "0.5" },
        { 1.0 / 3, "0.33333333333333" }, { -1.0 / 3, "-0.33333333333333" }, { 2.0 / 3, "0.66666666666667" },
        { 1e300, "1e+300" }, { 5e-324, "4.9406564584125e-324" }, { 123456789012345678, "1.2345678901235e+17" },
        { 1e100, "1e+100" }, { 1e-5, "1e-05" }, { 1e-4, "0.0001" }, { 0.0001234, "0.0001234" },
        { 123e-7, "1.23e-05" }, { 3.14159265358979, "3.1415926535898" },
        { double.PositiveInfinity, "inf" }, { double.NegativeInfinity, "-inf" }, { double.NaN, "nan" }, { -double.NaN, "nan" },
        { Math.Pow(2, 63), "9.2233720368548e+18" }, { -Math.Pow(2, 63), "-9.2233720368548e+18" },
        // Exact ties at the 14th digit: LuaJIT rounds them away from zero.
        { 12345678901234.5, "12345678901235" }, { 1e13 + 0.5, "10000000000001" },
        { 0.30000000000000004, "0.3" }, { 1e21, "1e+21" }, { double.MaxValue, "1.7976931348623e+308" },
        { 2.2250738585072014e-308, "2.2250738585072e-308" }, { 255.5, "255.5" }, { 1e-310, "1e-310" },
        { -123.456, "-123.456" }, { 65536.125, "65536.125" }, { 4294967296, "4294967296" },
        { 4294967295.5, "4294967295.5" }, { 9007199254740993, "9.007199254741e+15" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void ToLuaString_matches_luajit(double value, string expected) =>
        Assert.Equal(expected, LuaNumber.ToLuaString(value).ToString());

    [Fact]
    public void Small_integers_are_shared_and_negative_zero_is_not_zero()
    {
        Assert.Same(LuaNumber.ToLuaString(42), LuaNumber.ToLuaString(42));
        Assert.Equal("-0", LuaNumber.ToLuaString(-0.0).ToString());
        Assert.Equal("0", LuaNumber.ToLuaString(0).ToString());
    }

    [Fact]
    public void Format_writes_into_a_span()
    {
        Span<byte> buffer = stackalloc byte[LuaNumber.MaxFormattedLength];
        int n = LuaNumber.Format(-4.9406564584125e-324, buffer);
        Assert.Equal("-4.9406564584125e-324", Encoding.ASCII.GetString(buffer[..n]));
    }

    [Theory]
    [InlineData(2.9, 2)]
    [InlineData(-2.5, -2)]
    [InlineData(1e10, int.MinValue)]      // x86 cvttsd2si: out of range is "integer indefinite"
    [InlineData(-1e10, int.MinValue)]
    [InlineData(double.NaN, int.MinValue)]
    [InlineData(2147483647.9, 2147483647)]
    [InlineData(-2147483648.0, int.MinValue)]
    public void ToInt32_truncates_as_luajit(double d, int expected) => Assert.Equal(expected, LuaNumber.ToInt32(d));
}
