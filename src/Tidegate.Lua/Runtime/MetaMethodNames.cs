namespace Tidegate.Lua.Runtime;

/// <summary>The metamethod event names, as shared constant strings.</summary>
public static class MetaMethodNames
{
    public static readonly LuaString Index = "__index", NewIndex = "__newindex", Call = "__call",
        Add = "__add", Sub = "__sub", Mul = "__mul", Div = "__div", Mod = "__mod", Pow = "__pow",
        Unm = "__unm", Concat = "__concat", Len = "__len", Eq = "__eq", Lt = "__lt", Le = "__le",
        Metatable = "__metatable", Mode = "__mode", Gc = "__gc", Name = "__name";
    /// <summary>"__tostring" (hides object.ToString, which a static class never uses).</summary>
    public static new readonly LuaString ToString = "__tostring";
}
