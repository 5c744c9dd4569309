using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// A loop inside a number copy (nbody's `advance`: the outer `for i` reads `bi = bs[i]` and its fields, runs
// `for j = i + 1, nbody` over the other bodies, then stores `bi.vx = bivx` ...). The inner loop runs 0-4 times
// per outer iteration, so as a copy of its own it paid its entry (every variable tested for a number, the math
// function tested, the array part taken, the doubles written back) on every outer iteration, and the outer
// iteration itself ran as ordinary code on LuaValues. Here the outer copy's body may be
//
//     what comes before the loop (reads, arithmetic, `if`: may bail out; no stores)
//     one numeric for with a constant step, whose body qualifies as a copy's body does
//     a tail that cannot bail out: field stores `t.k = v` and assignments, reading no table
//
// A bail-out before the inner loop redoes the outer iteration in the ordinary loop, as in any copy. Once the
// inner loop has committed an iteration, the outer iteration cannot be redone: the inner loop's own bail-out
// (and its countdown's hand-over) write back every variable the ordinary code needs (those declared before the
// outer loop, and the outer body's own locals, whose ordinary IL locals are declared ahead so that both codes
// share them) and continue in an ordinary copy of the rest of the outer iteration: the inner loop from the
// counter it reached (that iteration again, or its back-edge), then the tail, then the ordinary outer loop's
// back-edge. The tail's field stores look their nodes up before the inner loop (a miss still redoes the outer
// iteration): nothing in a copy inserts into a table or stores nil, so a node found then still holds its key when
// the tail stores into it.
//
// The loop may also sit in the one branch of an `if` that ends the outer body (sieve's `for i = 2, limit do if not
// composite[i] then count = count + 1; for j = i * i, limit, i do composite[j] = true end end end`): the condition
// and the branch's statements before the loop come after what comes before the `if` and, like it, may bail out;
// the branch's statements after the loop are the tail. Nothing follows the `if`, so the ordinary rest of an outer
// iteration is the same. The inner loop's step may be a number expression (sieve's `i`), tested each iteration
// as the ordinary loop tests it.
internal sealed partial class FunctionCompiler
{
    /// <summary>The body of an outer copy around a numeric for: before it, the loop, after it.</summary>
    private sealed class NestedNumberLoop(Block before, NumericForStmt loop, Block after)
    {
        public Block Before { get; } = before;
        public NumericForStmt Loop { get; } = loop;
        public Block After { get; } = after;
        /// <summary>The condition of the `if` whose one branch holds the loop (null: the loop is at the body's top level).</summary>
        public Expr? Guard;
        /// <summary>The branch's statements before the loop (empty without a guard).</summary>
        public Block GuardedBefore = new() { Statements = new List<Stmt>() };
        /// <summary>The step when it is written as a number; null when it is computed (<see cref="StepLocal"/>).</summary>
        public double? Step;
        public Block InnerRest = null!, InnerTail = null!;
        public AssignStmt? InnerStore;
        /// <summary>The inner loop's counter, limit and step, shared by its copy and its ordinary resumption.</summary>
        public LocalBuilder Counter = null!, Limit = null!, StepLocal = null!;
        public Label ResumeTop, ResumeBackEdge;
        /// <summary>The outer body's own locals (declared before the inner loop), written back when it bails out.</summary>
        public readonly List<LocalSymbol> DeclaredBefore = new();
        /// <summary>The nodes of the tail's field stores, found before the inner loop.</summary>
        public readonly Dictionary<Stmt, LocalBuilder> TailNodes = new();
    }

    /// <summary>The body split around its one top-level numeric for; null when it has none or several.</summary>
    private static NestedNumberLoop? SplitNestedLoop(Block body)
    {
        var statements = body.Statements;
        int at = -1;
        for (int k = 0; k < statements.Count; k++)
        {
            if (statements[k] is not NumericForStmt) continue;
            if (at >= 0) return null;
            at = k;
        }
        if (at < 0) return SplitGuardedNestedLoop(body);
        return new NestedNumberLoop(
            new Block { Statements = statements.Take(at).ToList(), EndLine = body.EndLine },
            (NumericForStmt)statements[at],
            new Block { Statements = statements.Skip(at + 1).ToList(), EndLine = body.EndLine });
    }

    /// <summary>
    /// The body split around the one numeric for at the top level of the one branch of its last statement, an `if`
    /// without `elseif` or `else`; null when it is not so.
    /// </summary>
    private static NestedNumberLoop? SplitGuardedNestedLoop(Block body)
    {
        var statements = body.Statements;
        if (statements.Count == 0 || statements[^1] is not IfStmt { Clauses: [var clause], Else: null }) return null;
        var branch = SplitNestedLoop(clause.Body);
        if (branch is null || branch.Guard is not null) return null;
        return new NestedNumberLoop(
            new Block { Statements = statements.Take(statements.Count - 1).ToList(), EndLine = body.EndLine },
            branch.Loop, branch.After)
        {
            Guard = clause.Condition,
            GuardedBefore = branch.Before,
        };
    }

    /// <summary>A step written as a number (or its negation); null otherwise.</summary>
    private static double? ConstantStep(Expr? step) => step is null ? 1 : StripParens(step) switch
    {
        NumberExpr n => n.Value,
        UnaryExpr { Op: UnaryOp.Neg, Operand: NumberExpr n } => -n.Value,
        _ => null,
    };

    private bool QualifiesNestedLoop(NestedNumberLoop n, NumberLoopShape shape, LocalSymbol counter)
    {
        // Before the loop: may bail out, so nothing may be stored yet.
        foreach (var stmt in n.Before.Statements.Concat(n.GuardedBefore.Statements))
            if (stmt is AssignStmt a && a.Targets.Any(t => t is IndexExpr)) return false;
        if (!QualifiesBlock(n.Before, shape, counter, topLevel: true)) return false;
        if (n.Guard is not null)
        {
            // Field stores in the tail are committed only in the branch: they are still every one of the
            // branch's, in order (the buffering's reason for wanting them at the top level).
            if (!QualifiesCondition(n.Guard, shape, counter)) return false;
            if (!QualifiesBlock(n.GuardedBefore, shape, counter, topLevel: false)) return false;
        }

        var loop = n.Loop;
        var inner = loop.Symbol!;
        if (inner.IsCaptured || inner.IsAssigned) return false;
        if (ConstantStep(loop.Step) is { } step)
        {
            if (step == 0 || double.IsNaN(step)) return false;
            n.Step = step;
        }
        else if (!QualifiesNumber(loop.Step!, shape, counter, 0)) return false;
        if (!QualifiesNumber(loop.Start, shape, counter, 0) || !QualifiesNumber(loop.Limit, shape, counter, 0)) return false;
        var (rest, store, tail) = SplitStore(loop.Body);
        if (store is not null && !QualifiesStore(store, shape, inner)) return false;
        if (!QualifiesBlock(rest, shape, inner, topLevel: true, atIterationEnd: store is null)) return false;
        if (!QualifiesBlock(tail, shape, inner, topLevel: true)) return false;
        (n.InnerRest, n.InnerStore, n.InnerTail) = (rest, store, tail);

        // After the loop: nothing that can bail out.
        foreach (var stmt in n.After.Statements)
        {
            bool fieldStore = stmt is AssignStmt { Targets: [IndexExpr { Object: NameExpr, Key: StringExpr }], Values: [var v] } && !ReadsTable(v);
            if (!fieldStore && !IsNumberLoopTail(stmt)) return false;
        }
        if (!QualifiesBlock(n.After, shape, counter, topLevel: true)) return false;
        return true;
    }

    /// <summary>Every local declared in a block, through nested blocks.</summary>
    private static void CollectDeclared(Block block, HashSet<LocalSymbol> declared)
    {
        foreach (var stmt in block.Statements)
        {
            switch (stmt)
            {
                case LocalStmt { Symbols: { } symbols }:
                    foreach (var s in symbols) declared.Add(s);
                    break;
                case IfStmt f:
                    foreach (var clause in f.Clauses) CollectDeclared(clause.Body, declared);
                    if (f.Else is not null) CollectDeclared(f.Else, declared);
                    break;
            }
        }
    }

    /// <summary>
    /// In the outer copy, after what comes before the loop: the tail's field nodes, the inner loop's copy, the tail.
    /// </summary>
    private void EmitNestedNumberLoop(NestedNumberLoop n, Dictionary<LocalSymbol, LocalBuilder> doubles, Label outerDone)
    {
        // A guard false: nothing more of this iteration.
        var skip = _il.DefineLabel();
        if (n.Guard is not null)
        {
            // The branch runs only sometimes: its field reads' nodes are not kept for stores after it.
            _numberLoopConditional++;
            EmitNumberJump(n.Guard, false, skip, doubles);
            EmitNumberBlock(n.GuardedBefore, doubles, outerDone);
            _numberLoopConditional--;
        }
        // The outer body's locals get their ordinary IL locals now: the ordinary loop's `local` statements reuse
        // them (StoreNewVariable), so the resumption and the ordinary loop are the same variables.
        foreach (var stmt in n.Before.Statements.Concat(n.GuardedBefore.Statements))
        {
            if (stmt is not LocalStmt { Symbols: { } symbols }) continue;
            foreach (var s in symbols)
            {
                if (!_vars.ContainsKey(s)) DeclareVariable(s);
                n.DeclaredBefore.Add(s);
            }
        }
        // The tail's field stores: found now, while a miss can still redo the outer iteration.
        foreach (var stmt in n.After.Statements)
        {
            if (stmt is not AssignStmt { Targets: [IndexExpr { Object: NameExpr { Symbol: { } t }, Key: StringExpr k }] }) continue;
            if (!_numberLoopReadNodes.TryGetValue((t, System.Text.Encoding.Latin1.GetString(k.Value)), out var node))
            {
                node = _il.DeclareLocal(typeof(int));
                var miss = LoadHintedField(NumberLoopTable(t), k.Value);
                _il.Emit(OpCodes.Call, NumberLoopFieldNode);
                _il.Emit(OpCodes.Stloc, node);
                _il.Emit(OpCodes.Ldloc, node);
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Blt, miss);
            }
            n.TailNodes[stmt] = node;
        }

        // The inner loop: counter, limit and step in locals the ordinary resumption shares (saved ones: the
        // resumption is ordinary code, which may yield).
        var loop = n.Loop;
        PreEvaluateGuarded(loop.Start, doubles);
        PreEvaluateGuarded(loop.Limit, doubles);
        if (n.Step is null) PreEvaluateGuarded(loop.Step!, doubles);
        n.Counter = NewLocal(typeof(double));
        n.Limit = NewLocal(typeof(double));
        n.StepLocal = NewLocal(typeof(double));
        n.ResumeTop = _il.DefineLabel();
        n.ResumeBackEdge = _il.DefineLabel();
        _nestedLoopResumptions[loop] = n;
        // The copy counts in locals of its own (see TryEmitNumberLoopCopy) and hands its counter, limit and step over
        // only when it leaves (EmitNestedHandOver): the shared locals are live across the ordinary loop's calls, and
        // assigned here as well the JIT kept the limit in the shared one, stored to the stack at every iteration
        // (sieve's marking loop, 7% of sieve's time).
        var counter = _il.DeclareLocal(typeof(double));
        var limit = _il.DeclareLocal(typeof(double));
        var ownStep = n.Step is null ? _il.DeclareLocal(typeof(double)) : null;
        EmitNumberValue(loop.Start, doubles);
        _il.Emit(OpCodes.Stloc, counter);
        EmitNumberValue(loop.Limit, doubles);
        EmitFreshValue();
        _il.Emit(OpCodes.Stloc, limit);
        if (ownStep is not null)
        {
            EmitNumberValue(loop.Step!, doubles);
            _il.Emit(OpCodes.Stloc, ownStep);
        }
        var inner = loop.Symbol!;
        doubles[inner] = counter;
        // Array keys by the inner counter: exact ints when its values are all integers (FunctionCompiler.IntKeys);
        // an inner loop whose are not runs in the ordinary inner loop from its start.
        var leaveAtStart = _il.DefineLabel();
        var clampedLimit = EmitIntKeyEntry(inner, loop.Body, counter, limit, n.Step, ownStep, leaveAtStart);

        var outerBailOut = _numberLoopBailOut;
        int outerMisses = _numberLoopHintMisses.Count;
        var bailOut = _il.DefineLabel();
        _numberLoopBailOut = bailOut;
        // What an inner iteration assigns before its store, declared outside it: put back when it bails out.
        var declaredInside = new HashSet<LocalSymbol>();
        CollectDeclared(loop.Body, declaredInside);
        var assigned = new HashSet<LocalSymbol>();
        CollectAssigned(n.InnerRest, assigned);
        var atIterationStart = assigned.Where(v => v != inner && !declaredInside.Contains(v) && doubles.ContainsKey(v))
            .ToDictionary(v => v, _ => _il.DeclareLocal(typeof(double)));

        var top = _il.DefineLabel();
        var done = _il.DefineLabel();
        var handOver = _il.DefineLabel();
        _il.MarkLabel(top);
        // An int-keyed copy runs to its clamped limit, and then tests the loop's own.
        var limitReached = clampedLimit is not null ? _il.DefineLabel() : done;
        _il.Emit(OpCodes.Ldloc, counter);
        _il.Emit(OpCodes.Ldloc, clampedLimit ?? limit);
        if (ownStep is null) _il.Emit(n.Step >= 0 ? OpCodes.Bgt_Un : OpCodes.Blt_Un, limitReached);
        else
        {
            // As the ordinary loop tests a step that is not a constant.
            _il.Emit(OpCodes.Ldloc, ownStep);
            _il.Emit(OpCodes.Call, ForContinues);
            _il.Emit(OpCodes.Brfalse, limitReached);
        }
        foreach (var (v, saved) in atIterationStart)
        {
            _il.Emit(OpCodes.Ldloc, doubles[v]);
            _il.Emit(OpCodes.Stloc, saved);
        }
        EmitNumberBlock(n.InnerRest, doubles, done);
        if (n.InnerStore is not null) EmitNumberStore(n.InnerStore, doubles);
        EmitCommitFieldStores();
        EmitNumberBlock(n.InnerTail, doubles, done);
        LdThread();
        _il.Emit(OpCodes.Call, NumberLoopTryCount);
        _il.Emit(OpCodes.Brfalse, handOver);
        _il.Emit(OpCodes.Ldloc, counter);
        if (ownStep is null) _il.Emit(OpCodes.Ldc_R8, n.Step!.Value);
        else _il.Emit(OpCodes.Ldloc, ownStep);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, counter);
        _il.Emit(OpCodes.Br, top);

        if (clampedLimit is not null)
        {
            // Not int-keyed, or at the clamped limit but not the loop's own: the ordinary inner loop goes
            // on from this counter (nothing of that inner iteration has run).
            _il.MarkLabel(leaveAtStart);
            _il.MarkLabel(limitReached);
            EmitPastClampedLimit(counter, limit, n.Step, ownStep, done);
            EmitNestedHandOver(n, counter, limit, ownStep);
            EmitNestedWriteBack(n, doubles);
            _il.Emit(OpCodes.Br, n.ResumeTop);
            _numberLoopIntKeyed.Remove(inner);
        }

        // Countdown exhausted: the ordinary inner loop goes on from its back-edge.
        _il.MarkLabel(handOver);
        EmitNestedHandOver(n, counter, limit, ownStep);
        EmitNestedWriteBack(n, doubles);
        _il.Emit(OpCodes.Br, n.ResumeBackEdge);
        EmitHintMisses(outerMisses);
        // This inner iteration again, in the ordinary inner loop, from the values it began with.
        _il.MarkLabel(bailOut);
        foreach (var (v, saved) in atIterationStart)
        {
            _il.Emit(OpCodes.Ldloc, saved);
            _il.Emit(OpCodes.Stloc, doubles[v]);
        }
        EmitNestedHandOver(n, counter, limit, ownStep);
        EmitNestedWriteBack(n, doubles);
        _il.Emit(OpCodes.Br, n.ResumeTop);

        _il.MarkLabel(done);
        _numberLoopBailOut = outerBailOut;
        _numberLoopPendingStores.Clear();

        // The tail: nothing in it can fail; its field stores go straight into the nodes found above.
        foreach (var stmt in n.After.Statements)
        {
            if (n.TailNodes.TryGetValue(stmt, out var node))
            {
                var (target, value) = (((AssignStmt)stmt).Targets[0], ((AssignStmt)stmt).Values[0]);
                _il.Emit(OpCodes.Ldloc, NumberLoopTable(((NameExpr)((IndexExpr)target).Object).Symbol!));
                _il.Emit(OpCodes.Ldloc, node);
                EmitNumberValue(value, doubles);
                _il.Emit(OpCodes.Call, NumberLoopCommitField);
            }
            else EmitNumberBlock(new Block { Statements = new List<Stmt> { stmt }, EndLine = n.After.EndLine }, doubles, outerDone);
        }
        _il.MarkLabel(skip);
    }

    /// <summary>The inner copy's counter, limit and step into the locals the ordinary inner loop continues with.</summary>
    private void EmitNestedHandOver(NestedNumberLoop n, LocalBuilder counter, LocalBuilder limit, LocalBuilder? ownStep)
    {
        _il.Emit(OpCodes.Ldloc, counter);
        _il.Emit(OpCodes.Stloc, n.Counter);
        _il.Emit(OpCodes.Ldloc, limit);
        _il.Emit(OpCodes.Stloc, n.Limit);
        if (ownStep is null) _il.Emit(OpCodes.Ldc_R8, n.Step!.Value);
        else _il.Emit(OpCodes.Ldloc, ownStep);
        _il.Emit(OpCodes.Stloc, n.StepLocal);
    }

    /// <summary>Everything the ordinary rest of the outer iteration reads, as LuaValues in the ordinary IL locals.</summary>
    private void EmitNestedWriteBack(NestedNumberLoop n, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        EmitNumberLoopWriteBack(_numberLoopOuter, doubles);
        foreach (var s in n.DeclaredBefore)
        {
            if (doubles.TryGetValue(s, out var d))
            {
                _il.Emit(OpCodes.Ldloc, d);
                _il.Emit(OpCodes.Call, FromNumber);
            }
            else _il.Emit(OpCodes.Ldloc, _numberLoopTables[s]);
            _il.Emit(OpCodes.Stloc, _vars[s]);
        }
    }

    /// <summary>
    /// The inner loops of nested copies whose ordinary loops are still to be emitted, by statement: the ordinary outer
    /// loop, emitted right after the copy, runs its inner loop in the locals and from the labels the copy's bail-out
    /// and hand-over continue at (see <see cref="EmitNumericFor"/>), so the rest of an outer iteration whose inner
    /// loop left the copy is the ordinary outer loop's own code, not a second copy of it.
    /// </summary>
    private readonly Dictionary<NumericForStmt, NestedNumberLoop> _nestedLoopResumptions = new();
}
