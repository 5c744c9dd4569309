using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The math library as LuaJIT 2.1 has it (lib_math.c): the C functions, log with an optional base,
/// the hyperbolic functions, min/max with SSE's NaN and signed-zero behaviour, and LuaJIT's own
/// random generator (<see cref="Tausworthe223"/>) so seeded sequences equal LuaJIT's.
/// LuaJIT checks no ranges in random: random(0) is 1, and random(5, 1) still evaluates floor(d * (1 - 5 + 1)) + 5.
/// </summary>
public static class MathLibrary
{
    public static void Open(LuaState state)
    {
        var lib = new LuaTable();
        void Add(string name, HostFunctionBody body, NumberIntrinsic intrinsic = NumberIntrinsic.None) =>
            lib[name] = new HostFunction(name, body) { Intrinsic = intrinsic };
        // Direct lambdas (not a shared wrapper around a Func): one indirect call less on hot paths.
        Add("abs", call => call.Return(Math.Abs(call.CheckNumber(0))), NumberIntrinsic.Abs);
        Add("floor", call => call.Return(Math.Floor(call.CheckNumber(0))), NumberIntrinsic.Floor);
        Add("ceil", call => call.Return(Math.Ceiling(call.CheckNumber(0))), NumberIntrinsic.Ceil);
        Add("sqrt", call => call.Return(Math.Sqrt(call.CheckNumber(0))), NumberIntrinsic.Sqrt);
        Add("log10", call => call.Return(Math.Log10(call.CheckNumber(0))));
        Add("exp", call => call.Return(Math.Exp(call.CheckNumber(0))), NumberIntrinsic.Exp);
        Add("sin", call => call.Return(Math.Sin(call.CheckNumber(0))), NumberIntrinsic.Sin);
        Add("cos", call => call.Return(Math.Cos(call.CheckNumber(0))), NumberIntrinsic.Cos);
        Add("tan", call => call.Return(Math.Tan(call.CheckNumber(0))), NumberIntrinsic.Tan);
        Add("asin", call => call.Return(Math.Asin(call.CheckNumber(0))));
        Add("acos", call => call.Return(Math.Acos(call.CheckNumber(0))));
        Add("atan", call => call.Return(Math.Atan(call.CheckNumber(0))));
        Add("sinh", call => call.Return(Math.Sinh(call.CheckNumber(0))));
        Add("cosh", call => call.Return(Math.Cosh(call.CheckNumber(0))));
        Add("tanh", call => call.Return(Math.Tanh(call.CheckNumber(0))));
        Add("deg", call => ScaleByConstant(call, "deg", 57.29577951308232));
        Add("rad", call => ScaleByConstant(call, "rad", 0.017453292519943295));
        Add("log", Log);
        Add("frexp", Frexp);
        Add("modf", Modf);
        Add("atan2", call => call.Return(Math.Atan2(call.CheckNumber(0), call.CheckNumber(1))));
        Add("pow", call => call.Return(Math.Pow(call.CheckNumber(0), call.CheckNumber(1))));
        Add("fmod", call => call.Return(CFmod(call.CheckNumber(0), call.CheckNumber(1))));
        Add("ldexp", Ldexp);
        Add("min", Min);
        Add("max", Max);
        lib["pi"] = Math.PI;
        lib["huge"] = double.PositiveInfinity;

        // One generator per state, seeded lazily with 0 as LuaJIT does.
        var generator = new Tausworthe223();
        Add("random", call => Random(call, generator));
        Add("randomseed", call =>
        {
            generator.Seed(call.CheckNumber(0));
            return 0;
        });
        state.Globals["math"] = lib;
    }

    /// <summary>
    /// deg and rad are Lua functions in OpenResty's LuaJIT (<c>return x * c</c>): arithmetic coercion and
    /// __mul apply, and a bad argument is an arithmetic error from "[builtin:deg]".
    /// </summary>
    private static int ScaleByConstant(LuaCall call, string name, double factor)
    {
        var x = call[0];
        if (LuaOps.TryToNumber(x, out double d)) return call.Return(d * factor);
        if (!LuaOps.GetMetaMethod(call.State, x, MetaMethodNames.Mul).IsNil)
            return call.Return(LuaOps.Arith(call.Thread, ArithOp.Mul, x, factor));
        throw new LuaException($"[builtin:{name}]:0: attempt to perform arithmetic on a {x.TypeName} value");
    }

    /// <summary>log(x) or, with a base, log2(x) * (1 / log2(base)) computed as LuaJIT does (not joined into one division).</summary>
    private static int Log(LuaCall call)
    {
        double x = call.CheckNumber(0);
        if (call.Count < 2) return call.Return(Math.Log(x));
        double b = call.CheckNumber(1);
        double inverse = 1.0 / Math.Log2(b);
        return call.Return(Math.Log2(x) * inverse);
    }

    private static int Frexp(LuaCall call)
    {
        double x = call.CheckNumber(0);
        if (x == 0 || !double.IsFinite(x)) return call.Return(x, 0);
        int e = Math.ILogB(x) + 1;
        return call.Return(Math.ScaleB(x, -e), e);
    }

    private static int Modf(LuaCall call)
    {
        double x = call.CheckNumber(0);
        if (double.IsInfinity(x)) return call.Return(x, x > 0 ? 0.0 : -0.0);
        double whole = Math.Truncate(x);
        double fraction = x - whole;
        // C's modf gives the fraction the sign of x, also when it is zero.
        if (fraction == 0) fraction = double.IsNegative(x) ? -0.0 : 0.0;
        return call.Return(whole, fraction);
    }

    private static int Ldexp(LuaCall call)
    {
        double x = call.CheckNumber(0);
        double e = Math.Truncate(call.CheckNumber(1));
        // Exponents beyond ±2200 already overflow or underflow every double; clamp before converting.
        int n = double.IsNaN(e) ? 0 : (int)Math.Clamp(e, -4000, 4000);
        return call.Return(Math.ScaleB(x, n));
    }

    /// <summary>C's fmod: the remainder with the sign of the dividend (.NET's % on doubles is exactly that).</summary>
    private static double CFmod(double a, double b) => a % b;

    /// <summary>maxsd semantics: r = r &gt; x ? r : x, so a NaN or a zero pair yields the later operand.</summary>
    private static int Max(LuaCall call)
    {
        double r = call.CheckNumber(0);
        for (int i = 1; i < call.Count; i++)
        {
            double x = call.CheckNumber(i);
            r = r > x ? r : x;
        }
        return call.Return(r);
    }

    /// <summary>minsd semantics: r = r &lt; x ? r : x.</summary>
    private static int Min(LuaCall call)
    {
        double r = call.CheckNumber(0);
        for (int i = 1; i < call.Count; i++)
        {
            double x = call.CheckNumber(i);
            r = r < x ? r : x;
        }
        return call.Return(r);
    }

    private static int Random(LuaCall call, Tausworthe223 generator)
    {
        double d = generator.NextDouble();
        if (call.Count > 0)
        {
            double r1 = call.CheckNumber(0);
            if (call.Count == 1) d = Math.Floor(d * r1) + 1.0;          // in [1, r1]
            else
            {
                double r2 = call.CheckNumber(1);
                d = Math.Floor(d * (r2 - r1 + 1.0)) + r1;               // in [r1, r2]
            }
        }
        return call.Return(d);
    }
}
