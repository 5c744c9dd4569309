using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// The heap home of a local variable that an inner function captures. A new cell is made each time the
/// declaration runs, so every loop iteration's closures get their own variable while sibling closures
/// created in the same iteration share one.
/// </summary>
public sealed class UpvalueCell
{
    public LuaValue Value;

    /// <summary>
    /// An assignment to the variable. A value of the same kind as the one held (a number over a number: a counter, a
    /// generator's seed) shares its reference, so only the payload is written: the reference store, with its GC
    /// write barrier call, is skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(UpvalueCell cell, LuaValue value)
    {
        if (ReferenceEquals(cell.Value.Ref, value.Ref)) Unsafe.AsRef(in cell.Value.Number) = value.Number;
        else cell.Value = value;
    }

    public UpvalueCell() { }
    public UpvalueCell(LuaValue value) => Value = value;
}
