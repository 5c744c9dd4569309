using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Statements.
internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// Emits a block. Its variables' scope ends at its end unless <paramref name="endScope"/> is false: a loop's
    /// body, whose variables the loop statement ends once on exit (repeat's condition still sees them).
    /// </summary>
    private void EmitBlock(Block block, bool endScope = true)
    {
        int active = _activeLocals.Count;
        int mark = ScopeMark;
        foreach (var s in block.Statements) EmitStatement(s);
        DeactivateTo(active);
        if (endScope) EndScope(mark);
    }

    private void EmitStatement(Stmt stmt)
    {
        int depth = _depth;
        int active = _activeLocals.Count;
        int mark = ScopeMark;
        _activeLines.Add(stmt.Line);
        // A function statement's code (the closure's creation) is on its "end" line, as LuaJIT reports it.
        if (stmt is not LabelStmt)
            EmitLineHook(stmt switch { LocalFunctionStmt f => f.Body.EndLine, FunctionStmt f => f.Body.EndLine, _ => stmt.Line }, false);
        switch (stmt)
        {
            case LocalStmt s: EmitLocal(s); break;
            case LocalFunctionStmt s:
            {
                // The name is in scope inside the body: declare (and make the cell) first, then assign.
                var symbol = s.Symbol!;
                _il.Emit(OpCodes.Ldsfld, ValueNil);
                StoreNewVariable(symbol);
                var f = EvalClosure(s.Body);
                if (symbol.IsCaptured)
                {
                    _il.Emit(OpCodes.Ldloc, _vars[symbol]);
                    Load(f);
                    _il.Emit(OpCodes.Stfld, CellValue);
                }
                else
                {
                    Load(f);
                    if (LocalAccess) StoreToLocalSlot(SlotOf(symbol));
                    else _il.Emit(OpCodes.Stloc, _vars[symbol]);
                }
                Release(f);
                break;
            }
            case FunctionStmt s:
            {
                if (s.Target is IndexExpr ix)
                {
                    var obj = Eval(ix.Object);
                    var key = ix.Key is StringExpr ? Operand.Nil : Eval(ix.Key);
                    var f = EvalClosure(s.Body);
                    EmitSetIndex(obj, ix.Key, key, f, s.Line);
                    Release(f);
                    Release(key);
                    Release(obj);
                }
                else
                {
                    var f = EvalClosure(s.Body);
                    AssignName((NameExpr)s.Target, f);
                    Release(f);
                }
                break;
            }
            case AssignStmt s: EmitAssign(s); break;
            case CallStmt s:
                EmitCallTo(s.Call, _depth);
                break;
            case DoStmt s:
                EmitBlock(s.Body);
                break;
            case WhileStmt s:
            {
                var top = _il.DefineLabel();
                var exit = _il.DefineLabel();
                var backEdge = _il.DefineLabel();
                TryEmitNumberLoopCopy(s.Body, NoCounter(), new NumberLoopHead(null, null, null, null, s.Condition, null), exit, top, backEdge);
                _il.MarkLabel(top);
                EmitJump(s.Condition, false, exit);
                _breakLabels.Push(exit);
                EmitBlock(s.Body, endScope: false);
                _breakLabels.Pop();
                _il.MarkLabel(backEdge);
                EmitBackEdge(stmt.Line);
                EmitLineHook(stmt.Line, true);
                _il.Emit(OpCodes.Br, top);
                _il.MarkLabel(exit);
                break;
            }
            case RepeatStmt s:
            {
                var top = _il.DefineLabel();
                var exit = _il.DefineLabel();
                var backEdge = _il.DefineLabel();
                TryEmitNumberLoopCopy(s.Body, NoCounter(), new NumberLoopHead(null, null, null, null, null, s.Condition), exit, top, backEdge);
                _il.MarkLabel(top);
                _breakLabels.Push(exit);
                EmitBlock(s.Body, endScope: false);
                _breakLabels.Pop();
                _il.MarkLabel(backEdge);
                EmitBackEdge(stmt.Line);
                if (_ctx.HookChecks)
                {
                    // The until line, then the repeat line again when going round (LuaJIT's loop instruction).
                    EmitLineHook(s.Condition.Line, false);
                    var again = _il.DefineLabel();
                    EmitJump(s.Condition, false, again);
                    _il.Emit(OpCodes.Br, exit);
                    _il.MarkLabel(again);
                    EmitLineHook(stmt.Line, true);
                    _il.Emit(OpCodes.Br, top);
                }
                else
                {
                    EmitJump(s.Condition, false, top);
                }
                _il.MarkLabel(exit);
                break;
            }
            case IfStmt s:
            {
                var end = _il.DefineLabel();
                foreach (var clause in s.Clauses)
                {
                    var next = _il.DefineLabel();
                    if (clause != s.Clauses[0]) EmitLineHook(clause.Condition.Line, false);
                    EmitJump(clause.Condition, false, next);
                    EmitBlock(clause.Body);
                    _il.Emit(OpCodes.Br, end);
                    _il.MarkLabel(next);
                }
                if (s.Else is not null) EmitBlock(s.Else);
                _il.MarkLabel(end);
                break;
            }
            case NumericForStmt s: EmitNumericFor(s); break;
            case GenericForStmt s: EmitGenericFor(s); break;
            case ReturnStmt s: EmitReturn(s); break;
            case BreakStmt:
                _il.Emit(OpCodes.Br, _breakLabels.Peek());
                break;
            case GotoStmt s:
                EmitBackEdge(stmt.Line);
                _il.Emit(OpCodes.Br, GotoLabel(_info.GotoTargets[s]));
                break;
            case LabelStmt s:
                _il.MarkLabel(GotoLabel(s));
                break;
            default:
                throw new InvalidOperationException("emitter: unknown statement " + stmt.GetType().Name);
        }
        _depth = depth;
        // Loop variables go out of scope with their loop; a local statement's names stay in the block.
        if (stmt is not (LocalStmt or LocalFunctionStmt))
        {
            DeactivateTo(active);
            EndScope(mark);
        }
    }

    private Label GotoLabel(LabelStmt s)
    {
        if (!_gotoLabels.TryGetValue(s, out var label))
        {
            label = _il.DefineLabel();
            _gotoLabels.Add(s, label);
        }
        return label;
    }

    // ---------------- local and assignment ----------------

    private void EmitLocal(LocalStmt s)
    {
        var symbols = s.Symbols!;
        var values = new Operand[symbols.Count];
        for (int i = 0; i < values.Length; i++) values[i] = Operand.Nil;
        for (int i = 0; i < s.Values.Count; i++)
        {
            var e = s.Values[i];
            if (i == s.Values.Count - 1 && IsMultiValued(e) && i < symbols.Count)
            {
                EmitSpread(e, values, i);
            }
            else if (i < symbols.Count)
            {
                values[i] = Eval(e);
            }
            else
            {
                Release(Eval(e)); // evaluated for its effects
            }
        }
        for (int i = 0; i < symbols.Count; i++)
        {
            Load(values[i]);
            Release(values[i]);
            StoreNewVariable(symbols[i]);
        }
    }

    /// <summary>
    /// The last expression of a list (a call or '...') with all its values: they fill
    /// <paramref name="into"/> from <paramref name="from"/> on (nil where there are fewer), each in a temp.
    /// </summary>
    private void EmitSpread(Expr e, Operand[] into, int from)
    {
        int b = _depth;
        var count = EmitMultiTo(e, b);
        for (int j = from; j < into.Length; j++)
        {
            LdThread();
            LdSlotIndex(b);
            _il.Emit(OpCodes.Ldloc, count);
            _il.Emit(OpCodes.Ldc_I4, j - from);
            _il.Emit(OpCodes.Call, Result);
            into[j] = StoreClearedTemp();
        }
        FreeIntTemp(count);
        _depth = b;
    }

    private void EmitAssign(AssignStmt s)
    {
        if (s.Targets.Count == 1 && s.Values.Count == 1)
        {
            var target = s.Targets[0];
            if (target is NameExpr n)
            {
                var v = Eval(s.Values[0]);
                AssignName(n, v);
                Release(v);
            }
            else
            {
                var ix = (IndexExpr)target;
                var obj = Eval(ix.Object);
                var key = ix.Key is StringExpr ? Operand.Nil : Eval(ix.Key);
                if (IsAddToSameEntry(ix, s.Values[0], out double delta)) EmitAddToSameEntry(s, ix, obj, key, delta);
                else
                {
                    var v = Eval(s.Values[0]);
                    EmitSetIndex(obj, ix.Key, key, v, s.Line);
                    Release(v);
                }
                Release(key);
                Release(obj);
            }
            return;
        }

        // General case: evaluate the targets' tables and keys, then all values, then assign right to left
        // (as LuaJIT does: "a, a = 1, 2" leaves 1).
        var objs = new Operand?[s.Targets.Count];
        var keys = new Operand?[s.Targets.Count];
        for (int i = 0; i < s.Targets.Count; i++)
        {
            if (s.Targets[i] is IndexExpr ix)
            {
                objs[i] = Snapshot(Eval(ix.Object));
                keys[i] = ix.Key is StringExpr ? Operand.Nil : Snapshot(Eval(ix.Key));
            }
        }
        var values = new Operand[s.Targets.Count];
        for (int i = 0; i < values.Length; i++) values[i] = Operand.Nil;
        for (int i = 0; i < s.Values.Count; i++)
        {
            var e = s.Values[i];
            if (i == s.Values.Count - 1 && IsMultiValued(e) && i < values.Length)
            {
                EmitSpread(e, values, i);
            }
            else if (i < values.Length) values[i] = Snapshot(Eval(e));
            else Release(Eval(e));
        }
        for (int i = s.Targets.Count - 1; i >= 0; i--)
        {
            if (s.Targets[i] is NameExpr n) AssignName(n, values[i]);
            else
            {
                var ix = (IndexExpr)s.Targets[i];
                EmitSetIndex(objs[i]!, ix.Key, keys[i]!, values[i], s.Line);
                Release(keys[i]!);
                Release(objs[i]!);
            }
            Release(values[i]);
        }
    }

    // ---------------- loops ----------------

    private void EmitNumericFor(NumericForStmt s)
    {
        var startOp = Eval(s.Start);
        var limitOp = Snapshot(Eval(s.Limit));
        var stepOp = s.Step is null ? Operand.Constant(1) : Snapshot(Eval(s.Step));
        int site = Site(s.Line);
        // The inner loop of a nested number copy emitted just before (FunctionCompiler.NestedNumberLoops): its
        // counter, limit and step locals and its top and back-edge labels are where the copy continues when it leaves.
        _nestedLoopResumptions.Remove(s, out var resumed);
        var i = resumed?.Counter ?? NewLocal(typeof(double));
        var limit = resumed?.Limit ?? NewLocal(typeof(double));
        var step = resumed?.StepLocal ?? NewLocal(typeof(double));
        (Operand op, LocalBuilder into, int which)[] parts = { (startOp, i, 0), (limitOp, limit, 1), (stepOp, step, 2) };
        foreach (var (op, into, which) in parts)
        {
            if (op.Kind == Operand.Kinds.Number) _il.Emit(OpCodes.Ldc_R8, op.Number);
            else
            {
                LdThread();
                Load(op);
                _il.Emit(OpCodes.Ldc_I4, site);
                _il.Emit(OpCodes.Ldc_I4, which);
                _il.Emit(OpCodes.Call, ForNumber);
            }
            _il.Emit(OpCodes.Stloc, into);
            Release(op);
        }
        int[]? forSlots = null;
        if (LocalAccess)
        {
            forSlots = new[] { HiddenLocal("(for index)"), HiddenLocal("(for limit)"), HiddenLocal("(for step)") };
            _il.Emit(OpCodes.Ldloc, limit);
            _il.Emit(OpCodes.Call, FromNumber);
            StoreToLocalSlot(forSlots[1]);
            _il.Emit(OpCodes.Ldloc, step);
            _il.Emit(OpCodes.Call, FromNumber);
            StoreToLocalSlot(forSlots[2]);
        }
        var top = resumed?.ResumeTop ?? _il.DefineLabel();
        var exit = _il.DefineLabel();
        var backEdge = resumed?.ResumeBackEdge ?? _il.DefineLabel();
        EmitArrayFillPresize(s, i, limit);
        TryEmitNumberLoop(s, i, limit, step, stepOp, exit, top, backEdge, out var reentry);
        EmitNumericForLoop(s, i, limit, step, stepOp, forSlots, top, exit, backEdge, reentry);
    }

    /// <summary>
    /// The ordinary loop of a numeric for whose counter, limit and step are in <paramref name="i"/>,
    /// <paramref name="limit"/>, <paramref name="step"/>: from its test at <paramref name="top"/> to
    /// <paramref name="exit"/>. Also emitted on its own, from the counter a nested number copy reached
    /// (FunctionCompiler.NestedNumberLoops). <paramref name="reentry"/>: the number copy this loop took over from,
    /// which its back-edge enters again after an iteration the copy bailed out of.
    /// </summary>
    private void EmitNumericForLoop(NumericForStmt s, LocalBuilder i, LocalBuilder limit, LocalBuilder step, Operand stepOp,
        int[]? forSlots, Label top, Label exit, Label backEdge, NumberLoopReentry? reentry = null)
    {
        _il.MarkLabel(top);
        if (stepOp.Kind == Operand.Kinds.Number)
        {
            // Constant step: one compare (bgt.un/blt.un also exit when a bound is NaN).
            _il.Emit(OpCodes.Ldloc, i);
            _il.Emit(OpCodes.Ldloc, limit);
            _il.Emit(stepOp.Number >= 0 ? OpCodes.Bgt_Un : OpCodes.Blt_Un, exit);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, i);
            _il.Emit(OpCodes.Ldloc, limit);
            _il.Emit(OpCodes.Ldloc, step);
            _il.Emit(OpCodes.Call, ForContinues);
            _il.Emit(OpCodes.Brfalse, exit);
        }
        var symbol = s.Symbol!;
        if (forSlots is not null)
        {
            // LuaJIT's hidden control variables, visible to getlocal: the index is this iteration's value.
            _il.Emit(OpCodes.Ldloc, i);
            _il.Emit(OpCodes.Call, FromNumber);
            StoreToLocalSlot(forSlots[0]);
        }
        if (!symbol.IsCaptured && !symbol.IsAssigned && forSlots is null)
        {
            _numericForCounters[symbol] = i;
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, i);
            _il.Emit(OpCodes.Call, FromNumber);
            StoreNewVariable(symbol);
        }
        _breakLabels.Push(exit);
        EmitBlock(s.Body, endScope: false);
        _breakLabels.Pop();
        _il.MarkLabel(backEdge);
        _il.Emit(OpCodes.Ldloc, i);
        _il.Emit(OpCodes.Ldloc, step);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, i);
        EmitBackEdge(s.Line);
        EmitLineHook(s.Line, true);
        if (reentry is not null) EmitNumberLoopReentry(reentry, top);
        _il.Emit(OpCodes.Br, top);
        _il.MarkLabel(exit);
    }

    private void EmitGenericFor(GenericForStmt s)
    {
        // The explist adjusted to three values: iterator function, state, control.
        var state = new Operand[3];
        for (int k = 0; k < 3; k++) state[k] = Operand.Nil;
        for (int k = 0; k < s.Values.Count; k++)
        {
            var e = s.Values[k];
            if (k == s.Values.Count - 1 && IsMultiValued(e) && k < 3)
            {
                EmitSpread(e, state, k);
            }
            else if (k < 3) state[k] = Snapshot(Eval(e));
            else Release(Eval(e));
        }
        for (int k = 0; k < 3; k++)
        {
            if (state[k].IsConstant) { Load(state[k]); state[k] = StoreTemp(); }
        }
        var f = state[0];
        var st = state[1];
        var control = state[2];
        int controlSlot = -1;
        if (LocalAccess)
        {
            int generatorSlot = HiddenLocal("(for generator)"), stateSlot = HiddenLocal("(for state)");
            controlSlot = HiddenLocal("(for control)");
            Load(f);
            StoreToLocalSlot(generatorSlot);
            Load(st);
            StoreToLocalSlot(stateSlot);
            Load(control);
            StoreToLocalSlot(controlSlot);
        }

        var top = _il.DefineLabel();
        var exit = _il.DefineLabel();
        _il.MarkLabel(top);
        int slot = _depth;
        StoreSlot(slot, st);
        StoreSlot(slot + 1, control);
        _depth = slot + 2;
        EmitInvoke(f, slot, 2, null, Site(s.Line, "(for generator)"), null);
        _depth = slot;
        var symbols = s.Symbols!;
        var values = new LocalBuilder[symbols.Count];
        for (int j = 0; j < symbols.Count; j++)
        {
            LdThread();
            LdSlotIndex(slot);
            _il.Emit(OpCodes.Ldloc, _status);
            _il.Emit(OpCodes.Ldc_I4, j);
            _il.Emit(OpCodes.Call, Result);
            values[j] = NewValueTemp();
            _il.Emit(OpCodes.Stloc, values[j]);
        }
        _il.Emit(OpCodes.Ldloca, values[0]);
        _il.Emit(OpCodes.Call, IsNil);
        _il.Emit(OpCodes.Brtrue, exit);
        _il.Emit(OpCodes.Ldloc, values[0]);
        _il.Emit(OpCodes.Stloc, control.Local!);
        if (controlSlot >= 0)
        {
            _il.Emit(OpCodes.Ldloc, values[0]);
            StoreToLocalSlot(controlSlot);
        }
        for (int j = 0; j < symbols.Count; j++)
        {
            _il.Emit(OpCodes.Ldloc, values[j]);
            StoreNewVariable(symbols[j]);
            _freeValueTemps.Push(values[j]);
        }
        _breakLabels.Push(exit);
        EmitBlock(s.Body, endScope: false);
        _breakLabels.Pop();
        EmitBackEdge(s.Line);
        EmitLineHook(s.Line, true);
        _il.Emit(OpCodes.Br, top);
        _il.MarkLabel(exit);
        // The loop's state (often the table it walked) and the last values it produced are dead now, as
        // LuaJIT's hidden registers are.
        foreach (var temp in values)
        {
            ClearLocal(temp);
        }
        foreach (var op in state)
        {
            ClearLocal(op.Local!);
            _freeValueTemps.Push(op.Local!);
        }
    }

    // ---------------- return ----------------

    private void EmitReturn(ReturnStmt s)
    {
        var values = s.Values;
        if (values.Count == 0)
        {
            EmitReturnHook(_depth);
            LdThread();
            _il.Emit(OpCodes.Call, Return0);
            EmitReturnStatus();
            return;
        }
        if (values.Count == 1 && values[0] is CallExpr or MethodCallExpr)
        {
            EmitTailCall(values[0]);
            return;
        }
        if (values.Count == 1 && !IsMultiValued(values[0]))
        {
            var v = Eval(values[0]);
            EmitReturnHook(_depth);
            EmitReturnOne(v);
            Release(v);
            return;
        }
        int b = _depth;
        // The results' count is known only at run time, so the return event comes before they are evaluated.
        EmitReturnHook(b);
        var (fixedCount, multi) = EmitArguments(values, b);
        LdThread();
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldc_I4, fixedCount);
        if (multi is not null)
        {
            _il.Emit(OpCodes.Ldloc, multi);
            _il.Emit(OpCodes.Add);
            FreeIntTemp(multi);
        }
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Call, Return);
        EmitReturnStatus();
        _depth = b;
    }
}
