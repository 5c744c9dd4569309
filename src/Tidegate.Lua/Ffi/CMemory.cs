using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Ffi;

/// <summary>Unaligned loads and stores of C scalars at native addresses.</summary>
public static unsafe class CMemory
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadInt64(nint p) => Unsafe.ReadUnaligned<long>((void*)p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt64(nint p, long v) => Unsafe.WriteUnaligned((void*)p, v);

    /// <summary>Reads an integer of <paramref name="size"/> bytes, sign- or zero-extended to 64 bits.</summary>
    public static long ReadInteger(nint p, long size, bool unsigned) => size switch
    {
        1 => unsigned ? *(byte*)p : *(sbyte*)p,
        2 => unsigned ? Unsafe.ReadUnaligned<ushort>((void*)p) : Unsafe.ReadUnaligned<short>((void*)p),
        4 => unsigned ? Unsafe.ReadUnaligned<uint>((void*)p) : Unsafe.ReadUnaligned<int>((void*)p),
        _ => Unsafe.ReadUnaligned<long>((void*)p),
    };

    /// <summary>Stores the low <paramref name="size"/> bytes of <paramref name="v"/>.</summary>
    public static void WriteInteger(nint p, long size, long v)
    {
        switch (size)
        {
            case 1: *(byte*)p = (byte)v; break;
            case 2: Unsafe.WriteUnaligned((void*)p, (short)v); break;
            case 4: Unsafe.WriteUnaligned((void*)p, (int)v); break;
            default: Unsafe.WriteUnaligned((void*)p, v); break;
        }
    }

    public static double ReadDouble(nint p) => Unsafe.ReadUnaligned<double>((void*)p);
    public static void WriteDouble(nint p, double v) => Unsafe.WriteUnaligned((void*)p, v);
    public static float ReadFloat(nint p) => Unsafe.ReadUnaligned<float>((void*)p);
    public static void WriteFloat(nint p, float v) => Unsafe.WriteUnaligned((void*)p, v);

    public static Span<byte> Bytes(nint p, long length) => new((void*)p, checked((int)length));
}
