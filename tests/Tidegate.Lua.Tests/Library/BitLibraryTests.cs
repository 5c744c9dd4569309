using static Tidegate.Lua.Tests.Library.BitOsIoDebugHarness;

namespace Tidegate.Lua.Tests.Library;

// Every expectation below was printed by luajit (OpenResty's LuaJIT 2.1).
public class BitLibraryTests
{
    private readonly BitOsIoDebugHarness _h = new();

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

    // Random operands (large and negative doubles, halves, powers of two, numeric strings) through every
    // function, checked live against luajit.
    private const string FuzzScript = """
        local state = tonumber(arg and arg[1] or ARG[1])
        local function rnd(n) state = (state * 1103515245 + 12345) % 2147483648 return state % n end
        local function num()
          local k = rnd(8)
          if k == 0 then return rnd(2147483647) - 1073741823 end
          if k == 1 then return (rnd(2147483647) - 1073741823) * 65536 * 3 + rnd(1000) / 7 end
          if k == 2 then return rnd(100) - 50 + rnd(4) / 2 end
          if k == 3 then return 2 ^ rnd(70) * (rnd(2) == 0 and -1 or 1) end
          if k == 4 then return (rnd(2147483647) * 4294967296 + rnd(2147483647)) end
          if k == 5 then return tostring(rnd(100000)) end
          if k == 6 then return rnd(2147483647) + 0.5 end
          return -rnd(2147483647) - 0.5
        end
        local out = {}
        for i = 1, 300 do
          local a, b, c = num(), num(), num()
          out[#out + 1] = table.concat({ bit.tobit(a), bit.bnot(a), bit.band(a, b, c), bit.bor(a, b), bit.bxor(a, b, c), bit.lshift(a, b), bit.rshift(a, b), bit.arshift(a, b), bit.rol(a, b), bit.ror(a, b), bit.bswap(a), bit.tohex(a), bit.tohex(a, rnd(40) - 20) }, " ")
        end
        print(table.concat(out, "\n"))
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomOperandsMatchLuaJit(int seed)
    {
        var (expected, actual) = RunBoth(FuzzScript, null, seed.ToString());
        Assert.True(expected.Split('\n').Length >= 300, expected[..Math.Min(expected.Length, 500)]);
        Assert.Equal(expected, actual);
    }
}
