using System.Reflection.Emit;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Indirect loads and stores of the primitive .NET types C values map to, for the emitted call stubs
/// (Lua calling C) and callback thunks (C calling Lua), which both move arguments and results through memory.
/// </summary>
internal static class NativeIL
{
    /// <summary>Loads a value of type <paramref name="t"/> from the address on the IL stack.</summary>
    public static void EmitLoad(ILGenerator il, Type t)
    {
        if (t == typeof(sbyte)) il.Emit(OpCodes.Ldind_I1);
        else if (t == typeof(byte)) il.Emit(OpCodes.Ldind_U1);
        else if (t == typeof(short)) il.Emit(OpCodes.Ldind_I2);
        else if (t == typeof(ushort)) il.Emit(OpCodes.Ldind_U2);
        else if (t == typeof(int)) il.Emit(OpCodes.Ldind_I4);
        else if (t == typeof(uint)) il.Emit(OpCodes.Ldind_U4);
        else if (t == typeof(float)) il.Emit(OpCodes.Ldind_R4);
        else if (t == typeof(double)) il.Emit(OpCodes.Ldind_R8);
        else if (t == typeof(nint)) il.Emit(OpCodes.Ldind_I);
        else il.Emit(OpCodes.Ldind_I8);
    }

    /// <summary>Stores a value of type <paramref name="t"/> (address, then value, on the IL stack).</summary>
    public static void EmitStore(ILGenerator il, Type t)
    {
        if (t == typeof(sbyte) || t == typeof(byte)) il.Emit(OpCodes.Stind_I1);
        else if (t == typeof(short) || t == typeof(ushort)) il.Emit(OpCodes.Stind_I2);
        else if (t == typeof(int) || t == typeof(uint)) il.Emit(OpCodes.Stind_I4);
        else if (t == typeof(float)) il.Emit(OpCodes.Stind_R4);
        else if (t == typeof(double)) il.Emit(OpCodes.Stind_R8);
        else if (t == typeof(nint)) il.Emit(OpCodes.Stind_I);
        else il.Emit(OpCodes.Stind_I8);
    }
}
