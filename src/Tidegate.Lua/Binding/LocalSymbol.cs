namespace Tidegate.Lua.Binding;

/// <summary>
/// One declared local variable (parameter, <c>local</c>, loop variable). Owned by the binder/emitter;
/// they may add fields. Placeholder shape: the emitter's owner refines it.
/// </summary>
public sealed class LocalSymbol
{
    public required string Name { get; init; }
    /// <summary>True when an inner function refers to it, so it must live in a heap cell.</summary>
    public bool IsCaptured { get; set; }
}

/// <summary>Per-function facts found by the binder. Placeholder shape: the emitter's owner refines it.</summary>
public sealed class FunctionInfo
{
}
