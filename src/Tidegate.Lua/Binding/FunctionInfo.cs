using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Binding;

/// <summary>Per-function facts found by the binder, for the emitter.</summary>
public sealed class FunctionInfo
{
    public FunctionInfo? Parent { get; init; }
    public required FunctionBody Body { get; init; }

    /// <summary>The outer locals this function refers to, in upvalue order.</summary>
    public List<LocalSymbol> Upvalues { get; } = new();
    private readonly Dictionary<LocalSymbol, int> _upvalueIndex = new();

    /// <summary>Each goto's target label statement.</summary>
    public Dictionary<GotoStmt, LabelStmt> GotoTargets { get; } = new();

    /// <summary>How many locals the function declares in all (parameters included), plus three per for loop for its hidden control variables: the slots local-variable access needs.</summary>
    public int LocalSlotCount { get; set; }

    /// <summary>
    /// The local a <c>local function f</c> (or <c>local f = function</c>) declaration gave this function to
    /// (see <see cref="LocalSymbol.DeclaredFunction"/>); null otherwise. While that local is never assigned,
    /// calls through it can call this function's type directly (Emit/FunctionCompiler.DirectCalls.cs).
    /// </summary>
    public LocalSymbol? DeclaringSymbol { get; set; }

    /// <summary>
    /// Whether the function looks like a coroutine's body: it is the function literal passed to coroutine.create or
    /// coroutine.wrap, or it calls coroutine.yield itself. Such a function gets no main-thread body (see
    /// Emit/FunctionCompiler.MainThreadBody.cs): it would only cost compile time. A wrong guess costs only speed.
    /// </summary>
    public bool RunsInCoroutine { get; set; }

    /// <summary>The function expressions defined directly inside this one.</summary>
    public List<FunctionBody> Children { get; } = new();

    public int UpvalueIndexOf(LocalSymbol symbol) => _upvalueIndex.TryGetValue(symbol, out int i) ? i : -1;

    /// <summary>Makes <paramref name="symbol"/> (a local of an enclosing function) an upvalue of this one.</summary>
    public int AddUpvalue(LocalSymbol symbol)
    {
        if (_upvalueIndex.TryGetValue(symbol, out int i)) return i;
        i = Upvalues.Count;
        Upvalues.Add(symbol);
        _upvalueIndex.Add(symbol, i);
        return i;
    }
}
