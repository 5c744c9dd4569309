using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// What OpenResty's lua-cjson keeps once per process rather than per module table: the metatables
/// <c>array_mt</c> and <c>empty_array_mt</c> (registry entries there, so cjson, cjson.safe and every
/// <c>new()</c> hand out the same ones) and whether '/' is escaped (a switch in a static table there, so
/// <c>encode_escape_forward_slash</c> on any module table changes them all). Here "once" means once per
/// Lua state, kept in its registry, so separate states (workers) stay independent.
/// </summary>
internal sealed class CjsonStateObjects
{
    private static readonly LuaString RegistryKey = "tidegate.cjson";

    public readonly LuaTable ArrayMetatable = new();
    public readonly LuaTable EmptyArrayMetatable = new();
    public bool EscapeForwardSlash = true;

    /// <summary>The light userdata <c>cjson.empty_array</c> (a non-NULL pointer in C): encodes as "[]".</summary>
    public static readonly LuaUserdata EmptyArray = new();

    public static CjsonStateObjects For(LuaState state)
    {
        if (state.Registry.Get(RegistryKey).Ref is LuaUserdata { Value: CjsonStateObjects existing }) return existing;
        var created = new CjsonStateObjects();
        state.Registry[RegistryKey] = new LuaUserdata(created);
        return created;
    }
}
