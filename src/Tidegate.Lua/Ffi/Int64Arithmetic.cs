using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// int64_t/uint64_t arithmetic as LuaJIT does it (lj_carith): wrap-around on overflow, division and
/// modulo truncating toward zero as in C, division or modulo by zero giving 0x8000000000000000 instead of
/// trapping, and integer powers by repeated squaring (negative exponents give 0 except for bases ±1).
/// </summary>
public static class Int64Arithmetic
{
    public static long Signed(ArithOp op, long a, long b) => unchecked(op switch
    {
        ArithOp.Add => a + b,
        ArithOp.Sub => a - b,
        ArithOp.Mul => a * b,
        ArithOp.Div => b == 0 ? long.MinValue : a == long.MinValue && b == -1 ? a : a / b,
        ArithOp.Mod => b == 0 ? long.MinValue : a == long.MinValue && b == -1 ? 0 : a % b,
        _ => SignedPow(a, b),
    });

    public static ulong Unsigned(ArithOp op, ulong a, ulong b) => unchecked(op switch
    {
        ArithOp.Add => a + b,
        ArithOp.Sub => a - b,
        ArithOp.Mul => a * b,
        ArithOp.Div => b == 0 ? 0x8000000000000000UL : a / b,
        ArithOp.Mod => b == 0 ? 0x8000000000000000UL : a % b,
        _ => UnsignedPow(a, b),
    });

    private static long SignedPow(long a, long b)
    {
        if (b < 0)
        {
            if (a == 0) return long.MaxValue; // as LuaJIT's lj_carith_powi64 (like 1/0)
            if (a == 1) return 1;
            if (a == -1) return (b & 1) == 0 ? 1 : -1;
            return 0;
        }
        return (long)UnsignedPow((ulong)a, (ulong)b);
    }

    private static ulong UnsignedPow(ulong a, ulong b)
    {
        ulong result = 1;
        unchecked
        {
            while (b != 0)
            {
                if ((b & 1) != 0) result *= a;
                a *= a;
                b >>= 1;
            }
        }
        return result;
    }
}
