namespace Tidegate.Lua.Syntax;

// Scopes, local-variable slots and goto/label resolution, reproducing LuaJIT's bookkeeping
// (FuncState, FuncScope and the goto/label part of its variable stack) so the same programs are
// rejected with the same message and line: undefined labels, duplicate labels in a block, gotos
// that jump into the scope of a local, "break" outside a loop, and the limits on locals (200) and
// upvalues (120) per function. Binding proper (symbols, captures) is the binder's job.
public sealed partial class Parser
{
    private sealed class Scope
    {
        public Scope? Prev;
        public bool IsLoop;
        public bool HasBreak;                        // a break is pending in this scope (LuaJIT's FSCOPE_BREAK)
        public bool HasCapturedLocal;                // an inner function uses one of its locals (FSCOPE_UPVAL)
        public int ActiveAtStart;                    // active locals outside this scope
        public HashSet<string>? LabelNames;          // labels defined directly in this scope
        public List<GotoLabel>? Pending;             // gotos and breaks not yet resolved, in source order
        public Dictionary<string, List<GotoLabel>>? PendingByName;

        public void AddPending(GotoLabel g)
        {
            if (g.Name == BreakName) HasBreak = true;
            (Pending ??= new()).Add(g);
            PendingByName ??= new();
            if (!PendingByName.TryGetValue(g.Name!, out var list)) PendingByName[g.Name!] = list = new();
            list.Add(g);
        }
    }

    private sealed class FunctionState
    {
        public FunctionState? Parent;
        public int LineDefined;
        public bool IsVararg;
        public int ActiveCount;                          // LuaJIT's nactvar (hidden loop variables included)
        public readonly List<LocalVar> Slots = new();    // slot → the local declared there
        public readonly List<LocalVar> Upvalues = new(); // outer locals this function refers to
        public Scope? Block;
        public int VStackBase;
    }

    /// <summary>One declared local; its identity tells apart two locals of the same name.</summary>
    private sealed class LocalVar
    {
        public required string Name;
    }

    /// <summary>A goto or break on its way to a label. Name becomes null once it is resolved.</summary>
    private sealed class GotoLabel
    {
        public string? Name;
        public int Slot;   // active locals where it jumps from (the scope's, once it leaves a scope)
        public int Line;
    }

    // Not an identifier, so it cannot clash with a label.
    private const string BreakName = "(break)";

    private FunctionState _fs = null!;

    // LuaJIT keeps every local declared so far in the enclosing functions, and every goto and label,
    // in one stack of at most 65416 entries (LJ_MAX_VSTACK); a function's entries go when it ends.
    private const int MaxVStack = 65536 - MaxUpvalues;
    private int _vstackTop;

    private void ReserveVStackEntry()
    {
        CheckVStackRoom();
        _vstackTop++;
    }

    private void CheckVStackRoom()
    {
        if (_vstackTop >= MaxVStack) throw ErrorNoToken("chunk has more than " + MaxVStack + " local variables");
    }

    private void OpenFunction(int lineDefined, bool isVararg)
    {
        _fs = new FunctionState { Parent = _fs, LineDefined = lineDefined, IsVararg = isVararg, VStackBase = _vstackTop };
        ScopeBegin(loop: false);
    }

    /// <summary>Ends the function's outermost scope (reporting gotos that found no label) and returns to the parent.</summary>
    private void CloseFunction()
    {
        ScopeEnd();
        _vstackTop = _fs.VStackBase;
        _fs = _fs.Parent!;
    }

    private void ScopeBegin(bool loop)
    {
        _fs.Block = new Scope { Prev = _fs.Block, IsLoop = loop, ActiveAtStart = _fs.ActiveCount };
    }

    /// <summary>
    /// Ends a scope: a loop's exit is where its pending breaks land; gotos to a label of this scope
    /// are backward jumps and fine; other pending gotos move out to the enclosing scope, or fail
    /// when there is none (LuaJIT's fscope_end and gola_fixup).
    /// </summary>
    private void ScopeEnd()
    {
        var bl = _fs.Block!;
        _fs.Block = bl.Prev;
        _fs.ActiveCount = bl.ActiveAtStart;
        if (bl.Pending == null) return;
        if (bl.IsLoop && bl.HasBreak) CheckVStackRoom(); // LuaJIT briefly adds a label for the loop exit
        foreach (var g in bl.Pending)
        {
            string? name = g.Name;
            if (name == null) continue;
            if (name == BreakName ? bl.IsLoop : bl.LabelNames?.Contains(name) == true)
            {
                g.Name = null;
            }
            else if (bl.Prev != null)
            {
                g.Slot = bl.ActiveAtStart;
                bl.Prev.AddPending(g);
            }
            else if (name == BreakName)
            {
                throw ErrorAtLine(g.Line, "no loop to break");
            }
            else
            {
                throw ErrorAtLine(g.Line, "undefined label '" + name + "'");
            }
        }
    }

    /// <summary>Resolves the forward gotos pending in the scope that reach the label just defined.</summary>
    private void ResolveForwardGotos(Scope bl, string label, int labelSlot)
    {
        if (bl.PendingByName == null || !bl.PendingByName.Remove(label, out var gotos)) return;
        foreach (var g in gotos)
        {
            if (g.Name == null) continue;
            if (g.Slot < labelSlot)
                throw ErrorAtLine(g.Line, "<goto " + label + "> jumps into the scope of local '" + _fs.Slots[g.Slot].Name + "'");
            g.Name = null;
        }
    }

    private void AddGoto(string name, int line)
    {
        ReserveVStackEntry();
        _fs.Block!.AddPending(new GotoLabel { Name = name, Slot = _fs.ActiveCount, Line = line });
    }

    // ---------------- locals ----------------

    /// <summary>Declares the <paramref name="n"/>-th new local of a statement (not yet active).</summary>
    private void DeclareLocal(int n, string name)
    {
        int slot = _fs.ActiveCount + n;
        if (slot >= MaxLocals) throw LimitError(_fs, MaxLocals, "local variables");
        ReserveVStackEntry();
        var slots = _fs.Slots;
        var variable = new LocalVar { Name = name };
        if (slot < slots.Count) slots[slot] = variable;
        else
        {
            while (slots.Count < slot) slots.Add(variable);
            slots.Add(variable);
        }
    }

    private void ActivateLocals(int n) => _fs.ActiveCount += n;

    /// <summary>
    /// Looks a name up as LuaJIT does while parsing, only to enforce its limit on upvalues per
    /// function (the binder does the real resolution): a local of an enclosing function becomes an
    /// upvalue of every function in between.
    /// </summary>
    private void NoteNameUse(string name) => Resolve(_fs, name, innermost: true);

    private LocalVar? Resolve(FunctionState? fs, string name, bool innermost)
    {
        if (fs == null) return null;
        for (int i = fs.ActiveCount - 1; i >= 0; i--)
        {
            if (fs.Slots[i].Name != name) continue;
            if (!innermost)
            {
                // Captured by an inner function: mark the scope that declared it.
                var bl = fs.Block;
                while (bl != null && bl.ActiveAtStart > i) bl = bl.Prev;
                if (bl != null) bl.HasCapturedLocal = true;
            }
            return fs.Slots[i];
        }
        var outer = Resolve(fs.Parent, name, innermost: false);
        if (outer != null && !fs.Upvalues.Contains(outer))
        {
            if (fs.Upvalues.Count >= MaxUpvalues) throw LimitError(fs, MaxUpvalues, "upvalues");
            fs.Upvalues.Add(outer);
        }
        return outer;
    }

    private LuaSyntaxException LimitError(FunctionState fs, int limit, string what)
        => fs.LineDefined == 0
            ? ErrorNoToken("main function has more than " + limit + " " + what)
            : ErrorNoToken("function at line " + fs.LineDefined + " has more than " + limit + " " + what);
}
