namespace Tidegate.Lua.Runtime;

/// <summary>
/// The heap home of a local variable that an inner function captures. A new cell is made each time the
/// declaration runs, so every loop iteration's closures get their own variable while sibling closures
/// created in the same iteration share one.
/// </summary>
public sealed class UpvalueCell
{
    public LuaValue Value;

    public UpvalueCell() { }
    public UpvalueCell(LuaValue value) => Value = value;
}
