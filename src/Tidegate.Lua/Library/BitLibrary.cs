using Tidegate.Lua.Ffi;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// LuaJIT's BitOp library (<c>bit</c>): bitwise operations on 32-bit integers. Every argument goes
/// through <see cref="ToBit"/>, LuaJIT's number→int32 conversion, and every result is a signed int32
/// (as a Lua number).
/// </summary>
public static class BitLibrary
{
    public static void Open(LuaState state)
    {
        var bit = new LuaTable(0, 16);
        // Each function has LuaJIT 2.1's 64-bit form for int64_t/uint64_t cdata arguments (Ffi/Bit64Operations).
        Register(bit, "tobit", call => Bit64Operations.Applies(call) ? Bit64Operations.ToBit(call) : call.Return(Arg(call, 0)));
        Register(bit, "bnot", call => Bit64Operations.Applies(call) ? Bit64Operations.Unary(call, static a => ~a) : call.Return(~Arg(call, 0)));
        Register(bit, "bswap", call => Bit64Operations.Applies(call)
            ? Bit64Operations.Unary(call, static a => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a))
            : call.Return((double)(int)System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)Arg(call, 0))));
        Register(bit, "band", call => Bit64Operations.Applies(call) ? Bit64Operations.Fold(call, static (a, b) => a & b) : Fold(call, static (a, b) => a & b));
        Register(bit, "bor", call => Bit64Operations.Applies(call) ? Bit64Operations.Fold(call, static (a, b) => a | b) : Fold(call, static (a, b) => a | b));
        Register(bit, "bxor", call => Bit64Operations.Applies(call) ? Bit64Operations.Fold(call, static (a, b) => a ^ b) : Fold(call, static (a, b) => a ^ b));
        // Shift counts use only their low five bits (six for 64-bit values), as the x86 shift instructions LuaJIT maps them to.
        Register(bit, "lshift", call => Bit64Operations.Applies(call) ? Bit64Operations.Shift(call, static (a, n) => a << n) : call.Return(Arg(call, 0) << (Arg(call, 1) & 31)));
        Register(bit, "rshift", call => Bit64Operations.Applies(call) ? Bit64Operations.Shift(call, static (a, n) => (long)((ulong)a >> n)) : call.Return((double)(int)((uint)Arg(call, 0) >> (Arg(call, 1) & 31))));
        Register(bit, "arshift", call => Bit64Operations.Applies(call) ? Bit64Operations.Shift(call, static (a, n) => a >> n) : call.Return(Arg(call, 0) >> (Arg(call, 1) & 31)));
        Register(bit, "rol", call => Bit64Operations.Applies(call) ? Bit64Operations.Shift(call, static (a, n) => (long)ulong.RotateLeft((ulong)a, n)) : call.Return((double)(int)uint.RotateLeft((uint)Arg(call, 0), Arg(call, 1) & 31)));
        Register(bit, "ror", call => Bit64Operations.Applies(call) ? Bit64Operations.Shift(call, static (a, n) => (long)ulong.RotateRight((ulong)a, n)) : call.Return((double)(int)uint.RotateRight((uint)Arg(call, 0), Arg(call, 1) & 31)));
        Register(bit, "tohex", call => Bit64Operations.Applies(call) ? Bit64Operations.ToHex(call) : ToHex(call));
        state.Globals["bit"] = bit;
    }

    private static void Register(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);

    /// <summary>
    /// LuaJIT's lj_num2bit: add 2^52+2^51 so the integer part lands in the low mantissa bits (rounding to
    /// nearest even), then keep the low 32 bits. Large values wrap modulo 2^32 the same way; NaN and
    /// infinities give 0.
    /// </summary>
    public static int ToBit(double d) => (int)BitConverter.DoubleToInt64Bits(d + 6755399441055744.0);

    private static int Arg(LuaCall call, int i) => ToBit(call.CheckNumber(i));

    private static int Fold(LuaCall call, Func<int, int, int> op)
    {
        int acc = Arg(call, 0);
        for (int i = 1; i < call.Count; i++) acc = op(acc, Arg(call, i));
        return call.Return(acc);
    }

    /// <summary>
    /// bit.tohex(x [, n]): |n| hex digits (default 8), upper case when n is negative. Values are 32 bits,
    /// zero-extended; widths above 254 are clamped to 254 as OpenResty's LuaJIT does.
    /// </summary>
    private static int ToHex(LuaCall call)
    {
        uint value = (uint)Arg(call, 0);
        int n = call.HasArg(1) ? Arg(call, 1) : 8;
        bool upper = n < 0;
        uint width = upper ? (uint)-(long)n : (uint)n;
        if (width > 254) width = 254;
        if (width < 8) value &= (1u << (int)(4 * width)) - 1;
        string digits = value == 0 ? "" : value.ToString(upper ? "X" : "x");
        var bytes = new byte[Math.Max((int)width, digits.Length)];
        int pad = bytes.Length - digits.Length;
        bytes.AsSpan(0, pad).Fill((byte)'0');
        for (int i = 0; i < digits.Length; i++) bytes[pad + i] = (byte)digits[i];
        return call.Return(new LuaString(bytes));
    }
}
