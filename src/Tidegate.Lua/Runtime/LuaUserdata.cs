namespace Tidegate.Lua.Runtime;

/// <summary>
/// Full userdata: an opaque object with its own metatable and environment, as <c>newproxy</c> and
/// host libraries (files, sockets) create. <see cref="Value"/> holds the .NET object behind it.
/// </summary>
public class LuaUserdata
{
    public LuaTable? Metatable { get; set; }
    public LuaTable? Environment { get; set; }
    public object? Value { get; set; }

    public LuaUserdata(object? value = null, LuaTable? metatable = null)
    {
        Value = value;
        Metatable = metatable;
    }
}
