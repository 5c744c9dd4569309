using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// LuaJIT 2.1's <c>bit</c> functions on 64-bit cdata: when any argument is an int64_t/uint64_t (or other
/// integer) cdata, the operation is done in 64 bits and returns an int64_t cdata — uint64_t when any
/// such argument is unsigned 64-bit. Plain numbers among the arguments are converted to 64 bits; shift
/// and rotate counts use their low six bits. <c>bit.tohex</c> then defaults to 16 digits.
/// </summary>
public static class Bit64Operations
{
    /// <summary>Does any argument make this a 64-bit operation?</summary>
    public static bool Applies(LuaCall call)
    {
        for (int i = 0; i < call.Count; i++)
            if (call[i].Ref is CData { TypeValue: null } c && c.Type.Unqualified.IsInteger) return true;
        return false;
    }

    private static bool ResultIsUnsigned(LuaCall call)
    {
        for (int i = 0; i < call.Count; i++)
            if (call[i].Ref is CData { TypeValue: null } c && c.Type.Unqualified is { Kind: CTypeKind.Integer, Size: 8, IsUnsigned: true }) return true;
        return false;
    }

    /// <summary>An argument as 64 bits (numbers truncated as a store into int64_t would).</summary>
    public static long Arg(LuaCall call, int i)
    {
        var v = call[i];
        if (v.Ref is CData { TypeValue: null } c && c.Type.Unqualified.IsInteger)
        {
            var st = c.Type.Unqualified.StorageType;
            return CMemory.ReadInteger(c.Address, st.Size, st.IsUnsigned);
        }
        double d = call.CheckNumber(i);
        return CConvert.DoubleToInt64(d);
    }

    private static int Result(LuaCall call, long value) =>
        call.Return(ResultIsUnsigned(call) ? CData.FromUInt64((ulong)value) : CData.FromInt64(value));

    public static int Fold(LuaCall call, Func<long, long, long> op)
    {
        long acc = Arg(call, 0);
        for (int i = 1; i < call.Count; i++) acc = op(acc, Arg(call, i));
        return Result(call, acc);
    }

    public static int Unary(LuaCall call, Func<long, long> op) => Result(call, op(Arg(call, 0)));

    public static int Shift(LuaCall call, Func<long, int, long> op) => Result(call, op(Arg(call, 0), (int)(Arg(call, 1) & 63)));

    /// <summary>bit.tobit of a 64-bit value: its low 32 bits as a signed number.</summary>
    public static int ToBit(LuaCall call) => call.Return((double)(int)Arg(call, 0));

    public static int ToHex(LuaCall call)
    {
        ulong value = (ulong)Arg(call, 0);
        long n = call.HasArg(1) ? (call[1].IsNumber ? (long)call[1].Number : Arg(call, 1)) : 16;
        bool upper = n < 0;
        long width = Math.Min(Math.Abs(n), 16);
        if (width < 16) value &= (1UL << (int)(4 * width)) - 1;
        string digits = value.ToString(upper ? "X" : "x").PadLeft((int)width, '0');
        return call.Return(LuaString.FromLatin1(digits));
    }
}
