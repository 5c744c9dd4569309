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

    /// <summary>
    /// LuaJIT's NULL light userdata, which C modules hand out as a JSON or protocol null (cjson.null,
    /// ngx.null): one value shared by every state, so all of them compare equal as NULL pointers do in
    /// LuaJIT, and printed as LuaJIT prints it ("userdata: NULL").
    /// </summary>
    public static readonly LuaUserdata NullLightUserdata = new();

    public LuaUserdata(object? value = null, LuaTable? metatable = null)
    {
        Value = value;
        Metatable = metatable;
    }
}
