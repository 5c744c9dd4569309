using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// A cdata value: a C object of <see cref="Type"/> at <see cref="Address"/>. The bytes always live in
/// native memory (a <see cref="NativeBlock"/> this cdata or its parent owns), laid out exactly as C
/// lays them out, so a pointer to them can be handed to C. Scalars (numbers, pointers) are boxed into
/// their own small block; struct/union/array members read from a record are references into the
/// record's block (<see cref="IsReference"/>, printed with <c>&amp;</c> as LuaJIT does).
/// A ctype object (what <c>ffi.typeof</c> returns) is a cdata with <see cref="TypeValue"/> set.
/// </summary>
public sealed class CData
{
    public readonly CType Type;
    public readonly nint Address;
    /// <summary>The memory this cdata keeps alive (null for a ctype object).</summary>
    public readonly NativeBlock? Owner;
    /// <summary>A member reference into another cdata's memory.</summary>
    public readonly bool IsReference;
    /// <summary>Set on ctype objects: the type they stand for.</summary>
    public readonly CType? TypeValue;
    /// <summary>ffi.gc's finalizer registration, when one is set.</summary>
    internal CDataFinalizer? Finalizer;

    public CData(CType type, NativeBlock owner)
    {
        Type = type;
        Owner = owner;
        Address = owner.Address;
    }

    public CData(CType type, nint address, NativeBlock? owner, bool isReference)
    {
        Type = type;
        Address = address;
        Owner = owner;
        IsReference = isReference;
    }

    private CData(CType typeValue)
    {
        Type = typeValue;
        TypeValue = typeValue;
    }

    public static CData ForType(CType type) => new(type);

    public static implicit operator LuaValue(CData c) => LuaValue.FromObject(c);

    /// <summary>A new zero-filled object of <paramref name="type"/>; <paramref name="size"/> overrides the size for VLAs/VLSs.</summary>
    public static CData Allocate(CType type, long size = -1)
    {
        if (size < 0) size = type.Size;
        if (size < 0) throw new CDeclException("size of C type is unknown or too large");
        return new CData(type, new NativeBlock(size, type.Align));
    }

    /// <summary>A boxed signed 64-bit integer (what <c>1LL</c> is).</summary>
    public static CData FromInt64(long value)
    {
        var c = Allocate(CTypeRegistry.Int64);
        CMemory.WriteInt64(c.Address, value);
        return c;
    }

    /// <summary>A boxed unsigned 64-bit integer (what <c>1ULL</c> is).</summary>
    public static CData FromUInt64(ulong value)
    {
        var c = Allocate(CTypeRegistry.UInt64);
        CMemory.WriteInt64(c.Address, (long)value);
        return c;
    }

    /// <summary>A boxed pointer of <paramref name="pointerType"/> holding <paramref name="target"/>.</summary>
    public static CData FromPointer(CType pointerType, nint target)
    {
        var c = Allocate(pointerType);
        CMemory.WriteInt64(c.Address, target);
        return c;
    }

    /// <summary>The address a pointer or array cdata stands for (the pointer's value, or the array's start).</summary>
    public nint PointerValue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Type.Kind == CTypeKind.Pointer ? (nint)CMemory.ReadInt64(Address) : Address;
    }

    public static bool IsNull(in LuaValue v) => v.Ref is CData { TypeValue: null } c && c.Type.Kind == CTypeKind.Pointer && c.PointerValue == 0;
}
