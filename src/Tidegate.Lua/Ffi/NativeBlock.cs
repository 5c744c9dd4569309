using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// The memory a cdata owns, at a fixed address C may be handed. Two kinds, by size:
/// <list type="bullet">
/// <item>small objects (boxed numbers and pointers, small structs — most cdata) are a zeroed array on
/// the pinned object heap: never moved, freed by the collector like any array, no finalizer to run;</item>
/// <item>larger ones come from <see cref="NativeMemory"/> (zero-filled, aligned) and are freed by this
/// object's finalizer, with the size reported as memory pressure.</item>
/// </list>
/// Every cdata that points into the block (the object itself, member references into it) holds the
/// block, so the memory lives exactly as long as something can still reach it from Lua. Plain C
/// pointers do not hold it, as in LuaJIT.
/// </summary>
public sealed unsafe class NativeBlock
{
    /// <summary>Objects up to this size live on the pinned object heap.</summary>
    public const int PinnedLimit = 256;

    public readonly nint Address;
    public readonly long Size;
    private readonly byte[]? _pinned;

    public NativeBlock(long size, int align)
    {
        Size = size;
        align = Math.Max(align, 8);
        if (size <= PinnedLimit && align <= 16)
        {
            // Array data is 8-byte aligned; over-allocate so a 16-byte-aligned start always fits.
            _pinned = GC.AllocateArray<byte>((int)Math.Max(size, 1) + 8, pinned: true);
            nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_pinned));
            Address = (start + (align - 1)) & ~(nint)(align - 1);
            GC.SuppressFinalize(this);
            return;
        }
        Address = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(size, 1), (nuint)Math.Max(align, 16));
        NativeMemory.Clear((void*)Address, (nuint)Math.Max(size, 1));
        GC.AddMemoryPressure(Math.Max(size, 1));
    }

    /// <summary>
    /// Keeps native memory across a pending Lua finalizer (ffi.gc): when the cdata and its block become
    /// garbage together, the block's own finalizer would otherwise free the memory while the resurrected
    /// cdata is still handed to the Lua finalizer. Pinned arrays need nothing: the collector frees them
    /// only once unreachable.
    /// </summary>
    internal void HoldForLuaFinalizer()
    {
        if (_pinned is null) GC.SuppressFinalize(this);
    }

    /// <summary>Re-arms the native free once the Lua finalizer has run.</summary>
    internal void ReleaseAfterLuaFinalizer()
    {
        if (_pinned is null) GC.ReRegisterForFinalize(this);
    }

    ~NativeBlock()
    {
        NativeMemory.AlignedFree((void*)Address);
        GC.RemoveMemoryPressure(Math.Max(Size, 1));
    }
}
