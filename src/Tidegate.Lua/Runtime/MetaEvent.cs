namespace Tidegate.Lua.Runtime;

/// <summary>
/// The metamethod events that have a bit in <see cref="LuaTable.NoMetaMethodFlags"/> (LuaJIT's nomm
/// cache): a set bit in a metatable means "known to have no such metamethod", so the common "no
/// __index here" answer costs one AND instead of a hash lookup.
/// </summary>
public enum MetaEvent : byte
{
    Index, NewIndex, Gc, Mode, Eq, Len, Lt, Le, Concat, Call,
    Add, Sub, Mul, Div, Mod, Pow, Unm, ToString, Metatable,
}

/// <summary>The event-name strings of <see cref="MetaEvent"/>, indexed by the enum value.</summary>
public static class MetaEventNames
{
    public static readonly LuaString[] ByEvent =
    {
        MetaMethodNames.Index, MetaMethodNames.NewIndex, MetaMethodNames.Gc, MetaMethodNames.Mode,
        MetaMethodNames.Eq, MetaMethodNames.Len, MetaMethodNames.Lt, MetaMethodNames.Le,
        MetaMethodNames.Concat, MetaMethodNames.Call, MetaMethodNames.Add, MetaMethodNames.Sub,
        MetaMethodNames.Mul, MetaMethodNames.Div, MetaMethodNames.Mod, MetaMethodNames.Pow,
        MetaMethodNames.Unm, MetaMethodNames.ToString, MetaMethodNames.Metatable,
    };

    /// <summary>The event for an arithmetic operator.</summary>
    public static MetaEvent ForArith(ArithOp op) => MetaEvent.Add + (byte)op;
}
