using static Tidegate.Lua.Tests.Library.LibraryHarness;

namespace Tidegate.Lua.Tests.Library;

// Every expectation below was printed by luajit (OpenResty's LuaJIT 2.1).
public class BitLibraryTests
{
    private readonly LibraryHarness _h = new();

    private double N(string f, params LuaValue[] args) => _h.Call1("bit." + f, args).Number;

    [Theory]
    [InlineData(4294967301.0, 5)]
    [InlineData(-1.0, -1)]
    [InlineData(0.5, 0)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 2)]
    [InlineData(-0.5, 0)]
    [InlineData(-1.5, -2)]
    [InlineData(3.7, 4)]
    [InlineData(-3.7, -4)]
    [InlineData(9007199254740992.0, 0)]
    [InlineData(2147483648.0, -2147483648)]
    [InlineData(1e300, -2013235812)]
    [InlineData(1e16 + 1, 937459712)]
    [InlineData(-9223372036854775808.0, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(-4503599627370497.0, -4)]
    public void ToBitWrapsLikeLuaJit(double input, int expected) => Assert.Equal(expected, N("tobit", input));

    [Fact]
    public void Operations()
    {
        Assert.Equal(15, N("bor", 1, 2, 4, 8));
        Assert.Equal(1, N("bxor", 1));
        Assert.Equal(1, N("lshift", 1, 32));
        Assert.Equal(2, N("lshift", 1, 33));
        Assert.Equal(-2147483648, N("lshift", 1, -1));
        Assert.Equal(2147483647, N("rshift", -1, 1));
        Assert.Equal(-16, N("arshift", -256, 4));
        Assert.Equal(1164411171, N("rol", 0x12345678, 12));
        Assert.Equal(1736516421, N("ror", 0x12345678, 12));
        Assert.Equal(2018915346, N("bswap", 0x12345678));
        Assert.Equal(-1, N("bnot", 0));
        Assert.Equal(0, N("band", 0xF0, 0x0F, -1));
    }

    [Theory]
    [InlineData(255.0, null, "000000ff")]
    [InlineData(255.0, -4.0, "00FF")]
    [InlineData(255.0, 2.0, "ff")]
    [InlineData(255.0, 1.0, "f")]
    [InlineData(-1.0, 0.0, "")]
    [InlineData(-1.0, 9.0, "0ffffffff")]
    [InlineData(255.0, -9.0, "0000000FF")]
    [InlineData(305419896.0, -3.0, "678")]
    [InlineData(305419896.0, 4294967299.0, "678")]
    [InlineData(305419896.0, 0.5, "")]
    [InlineData(305419896.0, 7.9, "12345678")]
    [InlineData(1099511627777.0, null, "00000001")]
    [InlineData(11259375.0, -3.0, "DEF")]
    public void ToHex(double value, double? width, string expected)
    {
        var r = width is null ? _h.Call1("bit.tohex", value) : _h.Call1("bit.tohex", value, width.Value);
        Assert.Equal(expected, Str(r));
    }

    [Fact]
    public void ToHexClampsWidthTo254()
    {
        foreach (double w in new[] { 254.0, 255, 1000, -300, 2147483648.0, -2147483648.0 })
        {
            var s = Str(_h.Call1("bit.tohex", 0x12345678, w));
            Assert.Equal(254, s.Length);
            Assert.EndsWith("0012345678", s);
        }
        Assert.Equal(100, Str(_h.Call1("bit.tohex", 1, -100)).Length);
    }

    [Fact]
    public void ArgumentErrors()
    {
        Assert.Equal("bad argument #1 to '?' (number expected, got no value)", _h.Error("bit.band"));
        Assert.Equal("bad argument #2 to '?' (number expected, got no value)", _h.Error("bit.lshift", 1));
        Assert.Equal("bad argument #1 to '?' (number expected, got table)", _h.Error("bit.tobit", new LuaTable()));
        Assert.Equal("bad argument #2 to '?' (number expected, got nil)", _h.Error("bit.tohex", 1, LuaValue.Nil));
    }
}
