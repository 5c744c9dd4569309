namespace Tidegate.Lua.Tests.Library;

/// <summary>
/// The math library: every function over ordinary and hostile arguments (±0, ±inf, nan, huge),
/// min/max NaN rules, argument errors, and LuaJIT's random sequences, compared with luajit.
/// </summary>
public class MathLibraryTests
{
    private static void Same(string script) => LuaJitReference.AssertSameOutput(script);

    private const string P = "local function t(...) print(pcall(...)) end\n";

    [Fact]
    public void FunctionsOverHostileArguments() => Same("""
        for _, x in ipairs{-2.5, -0.5, -0.0, 0, 0.3, 1, 7.9, 1e10, -1e10, 2^60, 1e300, 1e-310, 1/0, -1/0, 0/0} do
          print(x, math.floor(x), math.ceil(x), math.abs(x), math.sqrt(x), math.exp(x), math.log(x), math.log10(x),
            math.sin(x), math.cos(x), math.tan(x), math.asin(x), math.acos(x), math.atan(x), math.sinh(x), math.cosh(x), math.tanh(x))
          print(x, math.frexp(x))
          print(x, math.modf(x))
          print(x, math.deg(x), math.rad(x), math.atan2(x, 2), math.atan2(2, x), math.pow(x, 2.5), math.pow(2, x), math.fmod(x, 3),
            math.fmod(3, x), math.ldexp(x, 3), math.log(x, 3), math.log(x, 2), math.log(x, 10))
        end
        print(math.huge, -math.huge, math.pi, math.fmod(-6, 3), math.fmod(6, -3), math.fmod(0, 0), math.ldexp(1, 1.5), math.ldexp(1, 2000))
        print(math.ldexp(1, 1e10), math.ldexp(1, -1e10), math.log(8, 2), math.log(100, 10), math.log(0, 2), math.log(8, 0), math.log(1, 1))
        print(math.floor("3.5"), math.abs("-3"), math.deg("10"), math.rad("180"))
        """);

    [Fact]
    public void MinMaxAndErrors() => Same(P + """
        print(math.max(1, 0/0, 3), math.max(0/0, 1), math.min(0/0, 1), math.min(1, 0/0))
        print(math.max(-0.0, 0), math.min(0, -0.0), math.max("10", 9), math.max(3), math.min(1, 2, -5, 4))
        t(math.max) t(math.min) t(math.max, 1, "x") t(math.floor, "x") t(math.log, 8, nil) t(math.ldexp, 1) t(math.atan2, 1)
        t(math.fmod, 1) t(math.abs) t(math.sqrt, {}) t(math.deg, {}) t(math.deg, "x") t(math.rad, true) t(math.randomseed) t(math.random, "x")
        print(math.mod, math.pow == nil, type(math.sinh))
        """);

    [Fact]
    public void RandomMatchesLuaJitsGenerator() => Same(P + """
        print(math.random(), math.random(100))
        math.randomseed(42) print(math.random(1, 100), math.random(1, 100), math.random(), math.random(10))
        print(string.format("%.17g", math.random()))
        t(math.random, 0) t(math.random, 5, 1) t(math.random, 1, 2, 3) t(math.random, 1.5)
        for s = 0, 8 do
          math.randomseed(s * 1.5 - 3)
          local a = {} for i = 1, 8 do a[i] = math.random(1, 1000) end
          print(table.concat(a, " "), string.format("%.17g", math.random()), math.random(7), math.random(2^40), math.random(-5, -1), math.random(3.5, 3.6))
        end
        for _, seed in ipairs{0, 1, -1, 1e300, -1e300, 2^53, 0.5, 1/0, 0/0} do math.randomseed(seed) print(seed, string.format("%.17g", math.random())) end
        """);
}
