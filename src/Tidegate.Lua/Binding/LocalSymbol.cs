namespace Tidegate.Lua.Binding;

/// <summary>
/// One declared local variable (parameter, <c>local</c>, loop variable), found by the <see cref="Binder"/>.
/// </summary>
public sealed class LocalSymbol
{
    public required string Name { get; init; }
    /// <summary>The function that declares it.</summary>
    public required FunctionInfo Function { get; init; }
    /// <summary>True when an inner function refers to it, so it must live in a heap cell (UpvalueCell).</summary>
    public bool IsCaptured { get; set; }
    /// <summary>True when an assignment targets it after its declaration (a numeric for's counter that is
    /// never assigned can stay an unboxed double).</summary>
    public bool IsAssigned { get; set; }
    /// <summary>
    /// The function a <c>local function f</c> (or <c>local f = function</c>) declaration gives the variable.
    /// While <see cref="IsAssigned"/> is false, the variable only ever holds closures of that body (or nil
    /// before the declaration's assignment), so calls through it can test for that exact compiled type.
    /// debug.setlocal/setupvalue may still store anything else: the test guards the direct path.
    /// </summary>
    public Syntax.FunctionBody? DeclaredFunction { get; set; }
}
