using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Number loops: a numeric `for` whose body is only arithmetic on local variables, comparisons of it, `if`,
// `break` and constant flags (Mandelbrot's `for _ = 1, iter do Zi = 2 * Zr * Zi + Ci ... if Zrq + Ziq > 4.0
// then escaped = true; break end end`) gets a second copy of itself, in doubles. The arithmetic may also read
// array elements `x[j]` of local tables and call small numeric functions that are inlined (spectral-norm's
// `a = a + x[j] * A(i, j)`, see FunctionCompiler.Inlining).
//
// With every variable the body computes with holding a number when the loop starts, the arithmetic can only
// produce numbers, and there is nothing else in the body (no store, no other call, no concatenation, no
// closure). So one test at the loop's entry decides: all numbers → the copy runs, its variables in double IL
// locals that no coroutine save block reads (nothing in it can yield) and no call crosses, so the JIT keeps
// them in registers; they are written back as LuaValues when the loop ends. Any variable not a number → the
// ordinary loop, with Lua's metamethods, coercions and messages.
//
// The body's last statement may store into an array element, `t[k] = v` (a number or true/false), into a
// slot that already holds a value: every read of the iteration comes before it, so a bail-out still finds
// nothing changed.
//
// An array read whose slot is not a number (nil, a hole, a key outside the array part) bails out: reads change
// nothing, so the copy puts the variables back as they were when the iteration began and the ordinary loop
// runs that iteration again from its top, and every later one.
//
// Nothing in the copy assigns a table or function variable, calls anything, or grows a table, so what those
// hold is tested once at the entry (the ordinary loop runs if a test fails): that each inlined callee's or
// math function's variable holds the expected function, and that each table variable declared before the loop
// and read by number keys is a table, whose array part the copy then keeps for its whole run.
//
// `while` and `repeat` loops get the same copy (TryEmitNumberLoopCopy): the condition is a comparison (or
// `and`/`or`/`not` of comparisons), and the store may be several array elements at once followed by number
// assignments that cannot bail out, or end a branch of the body's last `if` (heapsort's siftDown).
//
// The copy keeps the back-edge countdown without calling anything: when it runs out, the copy writes its
// variables back and the ordinary loop continues from its own back-edge, which settles the countdown (run-time
// limit, count hook) as it always does. Chunks compiled with hook checks or local access get no copy.
//
// A numeric for's body may itself hold one numeric for, copied inside the outer copy
// (FunctionCompiler.NestedNumberLoops).
internal sealed partial class FunctionCompiler
{
    /// <summary>The most statements (counted through nested blocks) a copied body may have.</summary>
    private const int MaxNumberLoopStatements = 40;

    /// <summary>What a body qualifies with: the variables it computes with, and the flags it only sets to constants.</summary>
    private sealed class NumberLoopShape
    {
        public readonly HashSet<LocalSymbol> Numbers = new();
        public readonly HashSet<LocalSymbol> DeclaredInside = new();
        public readonly HashSet<LocalSymbol> Flags = new();
        /// <summary>Variables of the tables the arithmetic reads array elements or fields of, or stores fields into.</summary>
        public readonly HashSet<LocalSymbol> Tables = new();
        /// <summary>Table variables declared in the body (<c>local bj = bs[j]</c>), held as LuaValues in the copy.</summary>
        public readonly HashSet<LocalSymbol> InsideTables = new();
        /// <summary>Variables called as math functions computed inline (<c>local sqrt = math.sqrt</c> ... <c>sqrt(d2)</c>).</summary>
        public readonly HashSet<LocalSymbol> Intrinsics = new();
        /// <summary>Every variable the body indexes (t[k], t.k): a local declared from a read is a table if it is one of these.</summary>
        public readonly HashSet<LocalSymbol> Indexed = new();
        /// <summary>
        /// Tables held by upvalues or captured locals (heapsort's <c>a</c> in <c>siftDown</c>): nothing in the copy
        /// calls anything, so no closure can assign them while it runs; each is read once at the entry.
        /// </summary>
        public readonly HashSet<LocalSymbol> EntryTables = new();
        /// <summary>Tables the body reads array elements of (by number keys).</summary>
        public readonly HashSet<LocalSymbol> ArrayReads = new();
        /// <summary>Counters of enclosing numeric fors the body reads (spectral-norm's <c>i</c> in <c>for j</c>): read-only here.</summary>
        public readonly HashSet<LocalSymbol> EnclosingCounters = new();
        /// <summary>Variables whose calls are inlined, with the closure type each must hold.</summary>
        public readonly Dictionary<LocalSymbol, Type> InlinedCallees = new();
        public int Statements;
    }

    /// <summary>
    /// Emits the number copy of a numeric for whose counter, limit and step are already in
    /// <paramref name="i"/>, <paramref name="limit"/>, <paramref name="step"/>, when the body qualifies.
    /// The copy ends at <paramref name="exit"/>; where the entry test fails, code continues after it (the
    /// ordinary loop). Returns false, emitting nothing, when the body does not qualify.
    /// </summary>
    private bool TryEmitNumberLoop(NumericForStmt s, LocalBuilder i, LocalBuilder limit, LocalBuilder step, Operand stepOp,
        Label exit, Label ordinaryTop, Label ordinaryBackEdge, out NumberLoopReentry? reentry)
    {
        reentry = null;
        var counter = s.Symbol!;
        if (counter.IsCaptured || counter.IsAssigned) return false;
        // The ordinary loop names its counter so too (EmitNumericForLoop, same conditions, same IL local): a loop
        // nested in the copy's body reads it as a counter.
        if (!LocalAccess) _numericForCounters[counter] = i;
        var head = new NumberLoopHead(i, limit, step, stepOp, null, null);
        if (!TryEmitNumberLoopCopy(s.Body, counter, head, exit, ordinaryTop, ordinaryBackEdge)) return false;
        reentry = head.Reentry;
        return true;
    }

    /// <summary>The most times one run of a numeric for enters its copy again after a bail-out.</summary>
    private const int MaxNumberLoopReentries = 64;

    /// <summary>
    /// Where a numeric for's copy starts (its entry tests), and whether its last bail-out asked the ordinary loop to
    /// enter it again: a bail-out is often a one-off (a store that grows the table: sieve's fill `for i = 1, limit
    /// do composite[i] = false end` bails out once per doubling of the array part, and ran all the rest of its 8M
    /// iterations as the ordinary loop), so the ordinary loop does that one iteration and its back-edge goes to
    /// the copy's entry, which tests everything again and takes the array parts anew. At most
    /// <see cref="MaxNumberLoopReentries"/> times per run of the loop, so one that bails out at every iteration
    /// costs a bounded number of entries. Both ints are saved locals: a yield in the ordinary iteration keeps them.
    /// </summary>
    private sealed record NumberLoopReentry(Label Entry, LocalBuilder Pending, LocalBuilder Left);

    /// <summary>At the ordinary loop's back-edge (its countdown settled): into the copy when its bail-out asked to.</summary>
    private void EmitNumberLoopReentry(NumberLoopReentry reentry, Label top)
    {
        _il.Emit(OpCodes.Ldloc, reentry.Pending);
        _il.Emit(OpCodes.Brfalse, top);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Stloc, reentry.Pending);
        _il.Emit(OpCodes.Br, reentry.Entry);
    }

    /// <summary>The "counter" of a while or repeat copy: a symbol no expression names.</summary>
    private LocalSymbol NoCounter() => new() { Name = "(no counter)", Function = _info };

    /// <summary>
    /// How a copied loop goes round: a numeric for's counter, limit and step (already computed), or the
    /// condition of a <c>while</c> (tested before each iteration) or of a <c>repeat</c> (after it).
    /// </summary>
    private sealed record NumberLoopHead(LocalBuilder? Counter, LocalBuilder? Limit, LocalBuilder? Step, Operand? StepOp,
        Expr? While, Expr? Until)
    {
        /// <summary>A numeric for's copy: set when it is emitted (see <see cref="NumberLoopReentry"/>).</summary>
        public NumberLoopReentry? Reentry { get; set; }
    }

    /// <summary>
    /// Emits the number copy of a loop whose body is <paramref name="body"/> (see the top of this file), when the
    /// body qualifies; <paramref name="counter"/> is the numeric for's variable (a symbol no body names for the
    /// other loops). Returns false, emitting nothing, when it does not.
    /// </summary>
    private bool TryEmitNumberLoopCopy(Block body, LocalSymbol counter, NumberLoopHead head,
        Label exit, Label ordinaryTop, Label ordinaryBackEdge)
    {
        if (_ctx.HookChecks || LocalAccess) return false;
        var shape = new NumberLoopShape();
        var statements = body.Statements;
        // The body is: what may bail out, then at most one array store statement (several targets are checked
        // before any is stored), then a tail of number assignments that cannot bail out (fannkuch's
        // `q[i], q[j] = q[j], q[i]; i = i + 1; j = j - 1`): a bail-out never comes after a store.
        // The same goes for a branch of an `if` that ends the iteration (heapsort's `if a[root] < a[child] then
        // a[root], a[child] = a[child], a[root]; root = child else return end`).
        _numberLoopBranchSplits.Clear();
        // A numeric for in the body (nbody's `for j`): the body is what comes before it, the loop, and a tail
        // that cannot bail out (FunctionCompiler.NestedNumberLoops).
        var nested = head.Counter is not null ? SplitNestedLoop(body) : null;
        Block rest, tail;
        AssignStmt? store = null;
        CollectIndexed(body, shape.Indexed);
        if (nested is null)
        {
            (rest, store, tail) = SplitStore(body);
            if (store is not null && !QualifiesStore(store, shape, counter)) return false;
            if (!QualifiesBlock(rest, shape, counter, topLevel: true, atIterationEnd: store is null)) return false;
            if (shape.Numbers.Count == 0 && store is null && _numberLoopBranchSplits.Count == 0) return false;
            if (!QualifiesBlock(tail, shape, counter, topLevel: true, atIterationEnd: false)) return false;
        }
        else
        {
            if (!QualifiesNestedLoop(nested, shape, counter)) return false;
            (rest, tail) = (nested.Before, nested.After);
        }
        if (head.While is { } whileCondition && whileCondition is not TrueExpr && !QualifiesCondition(whileCondition, shape, counter)) return false;
        // The until condition comes after the stores: it must not read a table (a read can bail out).
        if (head.Until is { } untilCondition && (ReadsTable(untilCondition) || !QualifiesCondition(untilCondition, shape, counter))) return false;
        if (shape.Numbers.Overlaps(shape.Flags) || shape.Tables.Overlaps(shape.Numbers) || shape.Tables.Overlaps(shape.Flags)) return false;
        if (shape.Intrinsics.Overlaps(shape.Numbers) || shape.Intrinsics.Overlaps(shape.Tables) || shape.Intrinsics.Overlaps(shape.Flags)) return false;
        foreach (var t in shape.Tables)
            if (!shape.InsideTables.Contains(t) && !_vars.ContainsKey(t) && !(shape.EntryTables.Contains(t) && t.Function != _info)) return false;
        foreach (var f in shape.Intrinsics)
            if (f.Function == _info && !_vars.ContainsKey(f)) return false;
        var outer = shape.Numbers.Where(v => !shape.DeclaredInside.Contains(v)).ToList();
        foreach (var v in outer)
            if (!_vars.ContainsKey(v)) return false;
        foreach (var f in shape.Flags)
            if (shape.DeclaredInside.Contains(f) || !_vars.ContainsKey(f)) return false;

        var ordinary = _il.DefineLabel();
        if (head.Counter is not null)
        {
            var reentry = new NumberLoopReentry(_il.DefineLabel(), NewLocal(typeof(int)), NewLocal(typeof(int)));
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Stloc, reentry.Pending);
            _il.Emit(OpCodes.Ldc_I4, MaxNumberLoopReentries);
            _il.Emit(OpCodes.Stloc, reentry.Left);
            _il.MarkLabel(reentry.Entry);
            head.Reentry = reentry;
        }
        foreach (var v in outer)
        {
            _il.Emit(OpCodes.Ldloc, _vars[v]);
            _il.Emit(OpCodes.Call, IsNumberValue);
            _il.Emit(OpCodes.Brfalse, ordinary);
        }
        // Nothing in the copy assigns a table or function variable or calls anything: the callees can be tested
        // once here, and the array part of each table read by number keys taken once (no store grows one).
        foreach (var (callee, type) in shape.InlinedCallees)
        {
            LoadVariableValue(callee);
            _il.Emit(OpCodes.Call, RefOf);
            _il.Emit(OpCodes.Isinst, type);
            _il.Emit(OpCodes.Brfalse, ordinary);
        }
        foreach (var f in shape.Intrinsics)
        {
            LoadVariableValue(f);
            _il.Emit(OpCodes.Ldc_I4, (int)NumberLoopSupport.IntrinsicNamed(f.Name)!.Value.Intrinsic);
            _il.Emit(OpCodes.Call, NumberLoopIsIntrinsic);
            _il.Emit(OpCodes.Brfalse, ordinary);
        }
        _numberLoopArrays.Clear();
        foreach (var t in shape.ArrayReads)
        {
            if (shape.InsideTables.Contains(t)) continue;
            var array = _il.DeclareLocal(typeof(Runtime.LuaValue[]));
            LoadVariableValue(t);
            _il.Emit(OpCodes.Call, NumberLoopArrayOf);
            _il.Emit(OpCodes.Stloc, array);
            _il.Emit(OpCodes.Ldloc, array);
            _il.Emit(OpCodes.Brfalse, ordinary);
            _numberLoopArrays[t] = array;
        }
        var doubles = new Dictionary<LocalSymbol, LocalBuilder>();
        foreach (var v in shape.Numbers) doubles[v] = _il.DeclareLocal(typeof(double));
        _numberLoopTables.Clear();
        foreach (var t in shape.InsideTables) _numberLoopTables[t] = _il.DeclareLocal(typeof(Runtime.LuaValue));
        foreach (var t in shape.EntryTables)
        {
            var value = _il.DeclareLocal(typeof(Runtime.LuaValue));
            LoadVariableValue(t);
            _il.Emit(OpCodes.Stloc, value);
            _numberLoopTables[t] = value;
        }
        _numberLoopPendingStores.Clear();
        _numberLoopHintMisses.Clear();
        _numberLoopReadNodes.Clear();
        _numberLoopConditional = 0;
        // The counter and limit in locals of the copy's own: the ordinary loop's are live across its calls, and the
        // JIT then stores the counter to memory at every iteration of the copy too. The counter goes back to the
        // ordinary loop's local whenever the copy hands over (EmitNumberLoopWriteBack).
        _numberLoopCounter = null;
        LocalBuilder? ownCounter = null, ownLimit = null;
        if (head.Counter is { } i)
        {
            ownCounter = _il.DeclareLocal(typeof(double));
            ownLimit = _il.DeclareLocal(typeof(double));
            _il.Emit(OpCodes.Ldloc, i);
            _il.Emit(OpCodes.Stloc, ownCounter);
            _il.Emit(OpCodes.Ldloc, head.Limit!);
            EmitFreshValue();
            _il.Emit(OpCodes.Stloc, ownLimit);
            doubles[counter] = ownCounter;
            _numberLoopCounter = (ownCounter, i);
        }
        // Enclosing loops' counters in doubles of the copy's own, as the limit (EmitFreshValue): read straight from
        // the ordinary loop's local, which is live across that loop's calls and kept on the stack, the JIT loaded it
        // at every iteration and stored it back at every back-edge (spectral-norm's `i` in `for j`).
        foreach (var c in shape.EnclosingCounters)
        {
            if (doubles.ContainsKey(c)) continue;
            var own = _il.DeclareLocal(typeof(double));
            _il.Emit(OpCodes.Ldloc, _numericForCounters[c]);
            EmitFreshValue();
            _il.Emit(OpCodes.Stloc, own);
            doubles[c] = own;
        }
        // Array keys by the counter: exact ints when the counter's values are all integers (FunctionCompiler.IntKeys).
        double? constantStep = head.StepOp?.Kind == Operand.Kinds.Number ? head.StepOp.Number : null;
        var clampedLimit = ownCounter is not null
            ? EmitIntKeyEntry(counter, body, ownCounter, ownLimit!, constantStep, head.Step, ordinary)
            : null;
        foreach (var v in outer)
        {
            _il.Emit(OpCodes.Ldloc, _vars[v]);
            _il.Emit(OpCodes.Ldfld, ValueNumber);
            _il.Emit(OpCodes.Stloc, doubles[v]);
        }

        // What the variables the body assigns before its store held when the iteration began, for a bail-out.
        var assigned = new HashSet<LocalSymbol>();
        CollectAssigned(rest, assigned);
        if (nested is not null) CollectAssigned(nested.GuardedBefore, assigned);
        var atIterationStart = outer.Where(assigned.Contains).ToDictionary(v => v, _ => _il.DeclareLocal(typeof(double)));
        // Only what the body assigns needs writing back when the copy ends.
        CollectAssigned(tail, assigned);
        if (nested is not null) CollectAssigned(nested.Loop.Body, assigned);
        outer = outer.Where(assigned.Contains).ToList();
        _numberLoopOuter = outer;

        var top = _il.DefineLabel();
        var done = _il.DefineLabel();
        var bailOut = _il.DefineLabel();
        _numberLoopBailOut = bailOut;
        _numberLoopGuarded.Clear();
        _il.MarkLabel(top);
        // An int-keyed copy runs to its clamped limit, and then tests the loop's own.
        var limitReached = clampedLimit is not null ? _il.DefineLabel() : done;
        if (ownCounter is not null)
        {
            var runsTo = clampedLimit ?? ownLimit!;
            if (head.StepOp!.Kind == Operand.Kinds.Number)
            {
                _il.Emit(OpCodes.Ldloc, ownCounter);
                _il.Emit(OpCodes.Ldloc, runsTo);
                _il.Emit(head.StepOp.Number >= 0 ? OpCodes.Bgt_Un : OpCodes.Blt_Un, limitReached);
            }
            else
            {
                _il.Emit(OpCodes.Ldloc, ownCounter);
                _il.Emit(OpCodes.Ldloc, runsTo);
                _il.Emit(OpCodes.Ldloc, head.Step!);
                _il.Emit(OpCodes.Call, ForContinues);
                _il.Emit(OpCodes.Brfalse, limitReached);
            }
        }
        foreach (var (v, saved) in atIterationStart)
        {
            _il.Emit(OpCodes.Ldloc, doubles[v]);
            _il.Emit(OpCodes.Stloc, saved);
        }
        if (head.While is { } whileTest && whileTest is not TrueExpr)
        {
            // Before anything of the iteration: a bail-out here has the ordinary loop test it again.
            EmitNumberJump(whileTest, false, done, doubles);
        }
        EmitNumberBlock(rest, doubles, done);
        if (nested is not null)
        {
            EmitNestedNumberLoop(nested, doubles, done);
        }
        else
        {
            if (store is not null) EmitNumberStore(store, doubles);
            EmitCommitFieldStores();
            EmitNumberBlock(tail, doubles, done);
        }
        // The countdown, without a call in the loop (a call would force every double out of its register).
        var handOver = _il.DefineLabel();
        LdThread();
        _il.Emit(OpCodes.Call, NumberLoopTryCount);
        _il.Emit(OpCodes.Brfalse, handOver);
        if (ownCounter is not null)
        {
            _il.Emit(OpCodes.Ldloc, ownCounter);
            if (head.StepOp!.Kind == Operand.Kinds.Number) _il.Emit(OpCodes.Ldc_R8, head.StepOp.Number);
            else _il.Emit(OpCodes.Ldloc, head.Step!);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Stloc, ownCounter);
        }
        if (head.Until is { } until)
        {
            EmitNumberJump(until, true, done, doubles);
        }
        _il.Emit(OpCodes.Br, top);

        if (clampedLimit is not null)
        {
            // At the clamped limit but not the loop's own: the ordinary loop goes on from this counter.
            _il.MarkLabel(limitReached);
            EmitPastClampedLimit(ownCounter!, ownLimit!, constantStep, head.Step, done);
            EmitNumberLoopWriteBack(outer, doubles);
            _il.Emit(OpCodes.Br, ordinaryTop);
            _numberLoopIntKeyed.Remove(counter);
        }
        _il.MarkLabel(done);
        EmitNumberLoopWriteBack(outer, doubles);
        _il.Emit(OpCodes.Br, exit);
        // Countdown exhausted after this iteration's body: the ordinary loop goes on from its back-edge.
        _il.MarkLabel(handOver);
        EmitNumberLoopWriteBack(outer, doubles);
        _il.Emit(OpCodes.Br, ordinaryBackEdge);
        EmitHintMisses();
        // A read that is not a number: this iteration again, in the ordinary loop, from the values it began with.
        _il.MarkLabel(bailOut);
        foreach (var (v, saved) in atIterationStart)
        {
            _il.Emit(OpCodes.Ldloc, saved);
            _il.Emit(OpCodes.Stloc, doubles[v]);
        }
        EmitNumberLoopWriteBack(outer, doubles);
        if (head.Reentry is { } again)
        {
            // The ordinary loop's back-edge comes back here after this iteration (while re-entries are left).
            var noReentry = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloc, again.Left);
            _il.Emit(OpCodes.Brfalse, noReentry);
            _il.Emit(OpCodes.Ldloc, again.Left);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Sub);
            _il.Emit(OpCodes.Stloc, again.Left);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Stloc, again.Pending);
            _il.MarkLabel(noReentry);
        }
        _il.Emit(OpCodes.Br, ordinaryTop);
        _il.MarkLabel(ordinary);
        return true;
    }

    /// <summary>
    /// Turns the limit (or an enclosing loop's counter) on the stack into a value of the copy's own: + 0.0, which
    /// changes nothing a comparison or arithmetic sees (-0 becomes +0, equal to it; NaN stays NaN). A plain copy of
    /// the ordinary loop's limit (or of an outer variable's double) has that local's value number, and the .NET JIT's copy propagation then replaces the
    /// copy's uses of its own limit with the other local, live across the ordinary loop's calls and so kept on the
    /// stack: the copy reloaded it at every iteration, and stored it at every back-edge (sieve's marking loop:
    /// 2,237 → 1,889 samples of perf's 5 kHz clock with this add).
    /// </summary>
    private void EmitFreshValue()
    {
        _il.Emit(OpCodes.Ldc_R8, 0.0);
        _il.Emit(OpCodes.Add);
    }

    /// <summary>A block as what may bail out, then its array store statement and the tail after it (no store: all of it, then nothing).</summary>
    private static (Block Before, AssignStmt? Store, Block Tail) SplitStore(Block block)
    {
        var statements = block.Statements;
        int tailStart = statements.Count;
        while (tailStart > 0 && IsNumberLoopTail(statements[tailStart - 1])) tailStart--;
        if (tailStart == 0 || statements[tailStart - 1] is not AssignStmt store || !IsArrayStore(store))
            return (block, null, new Block { Statements = new List<Stmt>(), EndLine = block.EndLine });
        var rest = new Block { Statements = statements.Take(tailStart - 1).ToList(), EndLine = block.EndLine };
        return (rest, store, new Block { Statements = statements.Skip(tailStart).ToList(), EndLine = block.EndLine });
    }

    /// <summary>The branches of an iteration-ending `if` that end in an array store, split as <see cref="SplitStore"/> does.</summary>
    private readonly Dictionary<Block, (Block Before, AssignStmt Store, Block Tail)> _numberLoopBranchSplits = new();

    /// <summary><c>t[k], ... = v, ...</c> with every target an array element (a non-constant-string key).</summary>
    private static bool IsArrayStore(AssignStmt a) =>
        a.Targets.All(t => t is IndexExpr { Key: not StringExpr });

    /// <summary>A statement that can come after a copy's store: it assigns names from arithmetic that reads no table, so it cannot bail out.</summary>
    private static bool IsNumberLoopTail(Stmt stmt) => stmt switch
    {
        AssignStmt a => a.Targets.All(t => t is NameExpr) && !a.Values.Any(ReadsTable),
        LocalStmt l => l.Symbols is not null && !l.Values.Any(ReadsTable),
        _ => false,
    };

    /// <summary>True when evaluating <paramref name="e"/> in a copy reads a table (which can bail out).</summary>
    private static bool ReadsTable(Expr e) => StripParens(e) switch
    {
        IndexExpr => true,
        UnaryExpr u => ReadsTable(u.Operand),
        BinaryExpr b => ReadsTable(b.Left) || ReadsTable(b.Right),
        CallExpr c => c.Arguments.Any(ReadsTable),
        _ => false,
    };

    /// <summary>The array parts of the tables the copy being emitted reads by number keys (declared before the loop).</summary>
    private readonly Dictionary<LocalSymbol, LocalBuilder> _numberLoopArrays = new();

    /// <summary>The variables declared before the loop that the copy being emitted assigns (written back when it ends).</summary>
    private List<LocalSymbol> _numberLoopOuter = new();

    /// <summary>Where the copy being emitted bails out to.</summary>
    private Label _numberLoopBailOut;

    private static void CollectAssigned(Block block, HashSet<LocalSymbol> assigned)
    {
        foreach (var stmt in block.Statements)
        {
            switch (stmt)
            {
                case AssignStmt a:
                    foreach (var t in a.Targets)
                        if (t is NameExpr n) assigned.Add(n.Symbol!);
                    break;
                case IfStmt f:
                    foreach (var clause in f.Clauses) CollectAssigned(clause.Body, assigned);
                    if (f.Else is not null) CollectAssigned(f.Else, assigned);
                    break;
                case NumericForStmt loop:
                    CollectAssigned(loop.Body, assigned);
                    break;
            }
        }
    }

    /// <summary>The copy's own counter and the ordinary loop's, while a numeric for's copy is emitted.</summary>
    private (LocalBuilder Own, LocalBuilder Ordinary)? _numberLoopCounter;

    /// <summary>The variables declared before the loop get their values back as LuaValues (and the counter its local).</summary>
    private void EmitNumberLoopWriteBack(List<LocalSymbol> outer, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        if (_numberLoopCounter is var (own, ordinary))
        {
            _il.Emit(OpCodes.Ldloc, own);
            _il.Emit(OpCodes.Stloc, ordinary);
        }
        foreach (var v in outer)
        {
            _il.Emit(OpCodes.Ldloc, doubles[v]);
            _il.Emit(OpCodes.Call, FromNumber);
            _il.Emit(OpCodes.Stloc, _vars[v]);
        }
    }

    // ---------------- what qualifies ----------------

    /// <summary>
    /// Whether a block can be copied. <paramref name="atIterationEnd"/>: nothing of the iteration follows the
    /// block, so the branches of its last statement, an `if`, may end in an array store.
    /// </summary>
    private bool QualifiesBlock(Block block, NumberLoopShape shape, LocalSymbol counter, bool topLevel, bool atIterationEnd = false)
    {
        foreach (var stmt in block.Statements)
        {
            if (++shape.Statements > MaxNumberLoopStatements) return false;
            switch (stmt)
            {
                case LocalStmt { Symbols: [var table], Values: [IndexExpr read] } when shape.Indexed.Contains(table):
                    // A table the body indexes: a LuaValue in the copy, which must not be nil (t[k] or t.k
                    // of an absent key may be anything through __index: bail out).
                    if (table.IsCaptured || !QualifiesTableRead(read, shape, counter)) return false;
                    shape.Tables.Add(table);
                    shape.InsideTables.Add(table);
                    shape.DeclaredInside.Add(table);
                    break;
                case LocalStmt l when l.Symbols is not null && l.Values.Count == l.Names.Count:
                    foreach (var v in l.Values)
                        if (!QualifiesNumber(v, shape, counter, 0)) return false;
                    foreach (var sym in l.Symbols)
                    {
                        if (sym.IsCaptured) return false;
                        shape.Numbers.Add(sym);
                        shape.DeclaredInside.Add(sym);
                    }
                    break;
                case AssignStmt { Targets: [IndexExpr { Object: NameExpr { Symbol: { } t }, Key: StringExpr }], Values: [var value] }:
                    // t.k = number: buffered until the iteration ends, so only at the body's top level (every
                    // one runs, in order, before the iteration commits).
                    if (!topLevel || !IsOwnPlainLocal(t) || !QualifiesNumber(value, shape, counter, 0)) return false;
                    shape.Tables.Add(t);
                    break;
                case AssignStmt a when a.Targets.Count == a.Values.Count:
                    for (int k = 0; k < a.Targets.Count; k++)
                    {
                        if (a.Targets[k] is not NameExpr { Symbol: { } target } || !IsOwnPlainLocal(target) || target == counter)
                            return false;
                        if (a.Values[k] is TrueExpr or FalseExpr or NilExpr) shape.Flags.Add(target);
                        else if (QualifiesNumber(a.Values[k], shape, counter, 0)) shape.Numbers.Add(target);
                        else return false;
                    }
                    break;
                case IfStmt f:
                {
                    bool lastOfIteration = atIterationEnd && ReferenceEquals(stmt, block.Statements[^1]);
                    foreach (var clause in f.Clauses)
                        if (!QualifiesCondition(clause.Condition, shape, counter) || !QualifiesBranch(clause.Body, shape, counter, lastOfIteration))
                            return false;
                    if (f.Else is not null && !QualifiesBranch(f.Else, shape, counter, lastOfIteration)) return false;
                    break;
                }
                case ReturnStmt { Values.Count: 0 }:
                    // Leaves the function: the copy writes its variables back and returns as the ordinary code does.
                    break;
                case BreakStmt:
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>A branch of an `if`; at the iteration's end it may end in an array store (then only a tail).</summary>
    private bool QualifiesBranch(Block branch, NumberLoopShape shape, LocalSymbol counter, bool atIterationEnd)
    {
        if (!atIterationEnd) return QualifiesBlock(branch, shape, counter, false);
        var (rest, store, tail) = SplitStore(branch);
        if (store is null) return QualifiesBlock(branch, shape, counter, false, atIterationEnd: true);
        if (!QualifiesBlock(rest, shape, counter, false) || !QualifiesStore(store, shape, counter) || !QualifiesBlock(tail, shape, counter, false))
            return false;
        _numberLoopBranchSplits[branch] = (rest, store, tail);
        return true;
    }

    /// <summary>
    /// <c>t[k] = v</c> (or several, <c>t[i], t[j] = t[j], t[i]</c>): each t a local table variable, k a number
    /// expression, v one or true/false.
    /// </summary>
    private bool QualifiesStore(AssignStmt store, NumberLoopShape shape, LocalSymbol counter)
    {
        if (store.Values.Count != store.Targets.Count) return false;
        for (int k = 0; k < store.Targets.Count; k++)
        {
            var target = (IndexExpr)store.Targets[k];
            if (target.Object is not NameExpr { Symbol: { } t } || !IsCopyTable(t, shape)) return false;
            shape.Tables.Add(t);
            shape.Statements++;
            if (!QualifiesNumber(target.Key, shape, counter, 0)) return false;
            if (store.Values[k] is not (TrueExpr or FalseExpr) && !QualifiesNumber(store.Values[k], shape, counter, 0)) return false;
        }
        return true;
    }

    /// <summary>The array store of a copied body, or a bail-out before anything is stored.</summary>
    private void EmitNumberStore(AssignStmt store, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        // Every key and value first (their reads may still bail out), as Lua evaluates them before assigning.
        int count = store.Targets.Count;
        var keys = new LocalBuilder[count];
        var stored = new LocalBuilder[count];
        for (int k = 0; k < count; k++)
        {
            var target = (IndexExpr)store.Targets[k];
            // One element keyed by an int-keyed counter (FunctionCompiler.IntKeys): the exact int is the key.
            if (count == 1 && TryEmitIntKey(target.Key, doubles))
            {
                keys[k] = _il.DeclareLocal(typeof(int));
                _il.Emit(OpCodes.Stloc, keys[k]);
                continue;
            }
            PreEvaluateGuarded(target.Key, doubles);
            keys[k] = _il.DeclareLocal(typeof(double));
            EmitNumberValue(target.Key, doubles);
            _il.Emit(OpCodes.Stloc, keys[k]);
        }
        for (int k = 0; k < count; k++)
        {
            var value = store.Values[k];
            stored[k] = _il.DeclareLocal(typeof(Runtime.LuaValue));
            if (value is TrueExpr or FalseExpr) Load(value is TrueExpr ? Operand.True : Operand.False);
            else
            {
                PreEvaluateGuarded(value, doubles);
                EmitNumberValue(value, doubles);
                _il.Emit(OpCodes.Call, FromNumber);
            }
            _il.Emit(OpCodes.Stloc, stored[k]);
        }
        LocalBuilder TableOf(int k) => NumberLoopTable(((NameExpr)((IndexExpr)store.Targets[k]).Object).Symbol!);
        if (count == 1)
        {
            _il.Emit(OpCodes.Ldloc, TableOf(0));
            _il.Emit(OpCodes.Ldloc, keys[0]);
            _il.Emit(OpCodes.Ldloc, stored[0]);
            _il.Emit(OpCodes.Call, keys[0].LocalType == typeof(int) ? NumberLoopTryStoreAt : NumberLoopTryStore);
            _il.Emit(OpCodes.Brfalse, _numberLoopBailOut);
            return;
        }
        // Several: all of them storable before any is stored (storing a non-nil value into one slot cannot
        // make another unstorable), then assigned right to left as the ordinary assignment does.
        for (int k = 0; k < count; k++)
        {
            _il.Emit(OpCodes.Ldloc, TableOf(k));
            _il.Emit(OpCodes.Ldloc, keys[k]);
            _il.Emit(OpCodes.Call, NumberLoopCanStore);
            _il.Emit(OpCodes.Brfalse, _numberLoopBailOut);
        }
        for (int k = count - 1; k >= 0; k--)
        {
            _il.Emit(OpCodes.Ldloc, TableOf(k));
            _il.Emit(OpCodes.Ldloc, keys[k]);
            _il.Emit(OpCodes.Ldloc, stored[k]);
            _il.Emit(OpCodes.Call, NumberLoopTryStore);
            _il.Emit(OpCodes.Pop);
        }
    }

    /// <summary>A table variable the copy can index: an own plain local, or an upvalue or captured local read at the entry.</summary>
    private bool IsCopyTable(LocalSymbol t, NumberLoopShape shape)
    {
        if (IsOwnPlainLocal(t)) return true;
        if (_numericForCounters.ContainsKey(t) || (t.Function == _info && !t.IsCaptured)) return false;
        shape.EntryTables.Add(t);
        return true;
    }

    /// <summary>A non-captured variable of this function kept in an IL local (not a numeric-for counter).</summary>
    private bool IsOwnPlainLocal(LocalSymbol s) => s.Function == _info && !s.IsCaptured && !_numericForCounters.ContainsKey(s);

    /// <summary>
    /// A comparison of numbers, an array element tested for truth (sieve's <c>not composite[i]</c>), or
    /// <c>and</c>/<c>or</c>/<c>not</c> of such (only tested, never a value).
    /// </summary>
    private bool QualifiesCondition(Expr e, NumberLoopShape shape, LocalSymbol counter) => StripParens(e) switch
    {
        IndexExpr { Key: not StringExpr } element => QualifiesTableRead(element, shape, counter),
        BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } logic =>
            QualifiesCondition(logic.Left, shape, counter) && QualifiesCondition(logic.Right, shape, counter),
        UnaryExpr { Op: UnaryOp.Not } not => QualifiesCondition(not.Operand, shape, counter),
        BinaryExpr { Op: BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge } c =>
            QualifiesNumber(c.Left, shape, counter, 0) && QualifiesNumber(c.Right, shape, counter, 0),
        _ => false,
    };

    private bool QualifiesNumber(Expr e, NumberLoopShape shape, LocalSymbol counter, int depth)
    {
        if (depth > 32) return false;
        switch (StripParens(e))
        {
            case NumberExpr:
                return true;
            case NameExpr { Symbol: { } s }:
                if (s == counter) return true;
                if (_numericForCounters.ContainsKey(s))
                {
                    shape.EnclosingCounters.Add(s);
                    return true;
                }
                if (!IsOwnPlainLocal(s)) return false;
                shape.Numbers.Add(s);
                return true;
            case UnaryExpr { Op: UnaryOp.Neg } u:
                return QualifiesNumber(u.Operand, shape, counter, depth + 1);
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Pow } b:
                return QualifiesNumber(b.Left, shape, counter, depth + 1) && QualifiesNumber(b.Right, shape, counter, depth + 1);
            case IndexExpr ix:
                return QualifiesTableRead(ix, shape, counter);
            case CallExpr { Function: NameExpr { Symbol: { } f }, Arguments: [var arg] } call
                when KnownCalleeType(call) is null && NumberLoopSupport.IntrinsicNamed(f.Name) is not null:
                if (_numericForCounters.ContainsKey(f)) return false;
                shape.Intrinsics.Add(f);
                return QualifiesNumber(arg, shape, counter, depth + 1);
            case CallExpr call when KnownCalleeType(call) is not null:
            {
                var callee = ((NameExpr)call.Function).Symbol!;
                var body = callee.DeclaredFunction!;
                if (!IsInlinableNumericBody(body) || call.Arguments.Count != body.Parameters.Count) return false;
                shape.InlinedCallees[callee] = KnownCalleeType(call)!;
                foreach (var arg in call.Arguments)
                    if (!QualifiesNumber(arg, shape, counter, depth + 1)) return false;
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary><c>t[k]</c> (k a number expression) or <c>t.k</c> of a local table variable t.</summary>
    private bool QualifiesTableRead(IndexExpr ix, NumberLoopShape shape, LocalSymbol counter)
    {
        if (ix.Object is not NameExpr { Symbol: { } t } || !IsCopyTable(t, shape)) return false;
        if (ix.Key is not StringExpr)
        {
            if (!QualifiesNumber(ix.Key, shape, counter, 1)) return false;
            shape.ArrayReads.Add(t);
        }
        shape.Tables.Add(t);
        return true;
    }

    /// <summary>The variables indexed anywhere in a body (whether or not it qualifies).</summary>
    private static void CollectIndexed(Block block, HashSet<LocalSymbol> indexed)
    {
        foreach (var stmt in block.Statements)
        {
            switch (stmt)
            {
                case LocalStmt l:
                    foreach (var v in l.Values) CollectIndexed(v, indexed);
                    break;
                case AssignStmt a:
                    foreach (var t in a.Targets) CollectIndexed(t, indexed);
                    foreach (var v in a.Values) CollectIndexed(v, indexed);
                    break;
                case IfStmt f:
                    foreach (var clause in f.Clauses)
                    {
                        CollectIndexed(clause.Condition, indexed);
                        CollectIndexed(clause.Body, indexed);
                    }
                    if (f.Else is not null) CollectIndexed(f.Else, indexed);
                    break;
                case NumericForStmt loop:
                    CollectIndexed(loop.Start, indexed);
                    CollectIndexed(loop.Limit, indexed);
                    CollectIndexed(loop.Body, indexed);
                    break;
            }
        }
    }

    private static void CollectIndexed(Expr e, HashSet<LocalSymbol> indexed)
    {
        switch (StripParens(e))
        {
            case IndexExpr ix:
                if (ix.Object is NameExpr { Symbol: { } t }) indexed.Add(t);
                CollectIndexed(ix.Object, indexed);
                CollectIndexed(ix.Key, indexed);
                break;
            case UnaryExpr u: CollectIndexed(u.Operand, indexed); break;
            case BinaryExpr b:
                CollectIndexed(b.Left, indexed);
                CollectIndexed(b.Right, indexed);
                break;
            case CallExpr c:
                foreach (var arg in c.Arguments) CollectIndexed(arg, indexed);
                break;
        }
    }

    private static Expr StripParens(Expr e)
    {
        while (e is ParenExpr p) e = p.Inner;
        return e;
    }

    // ---------------- the copy ----------------

    private void EmitNumberBlock(Block block, Dictionary<LocalSymbol, LocalBuilder> doubles, Label loopExit)
    {
        if (_numberLoopBranchSplits.TryGetValue(block, out var split))
        {
            EmitNumberBlock(split.Before, doubles, loopExit);
            EmitNumberStore(split.Store, doubles);
            EmitNumberBlock(split.Tail, doubles, loopExit);
            return;
        }
        foreach (var stmt in block.Statements)
        {
            switch (stmt)
            {
                case LocalStmt { Symbols: [var table], Values: [IndexExpr read] } when _numberLoopTables.ContainsKey(table):
                    EmitTableRead(read, _numberLoopTables[table], doubles);
                    break;
                case LocalStmt l:
                {
                    // All values first, then the names, as a local statement assigns.
                    var values = new List<LocalBuilder>();
                    foreach (var v in l.Values)
                    {
                        PreEvaluateGuarded(v, doubles);
                        EmitNumberValue(v, doubles);
                        var t = _il.DeclareLocal(typeof(double));
                        _il.Emit(OpCodes.Stloc, t);
                        values.Add(t);
                    }
                    for (int k = 0; k < values.Count; k++)
                    {
                        _il.Emit(OpCodes.Ldloc, values[k]);
                        _il.Emit(OpCodes.Stloc, doubles[l.Symbols![k]]);
                    }
                    break;
                }
                case AssignStmt { Targets: [IndexExpr { Key: StringExpr } field] } fieldStore:
                    EmitBufferedFieldStore(field, fieldStore.Values[0], doubles);
                    break;
                case AssignStmt a:
                {
                    // All values first, then the targets right to left (as LuaJIT: "a, a = 1, 2" leaves 1).
                    var values = new LocalBuilder?[a.Values.Count];
                    for (int k = 0; k < a.Values.Count; k++)
                    {
                        if (a.Values[k] is TrueExpr or FalseExpr or NilExpr) continue;
                        PreEvaluateGuarded(a.Values[k], doubles);
                        EmitNumberValue(a.Values[k], doubles);
                        if (a.Values.Count == 1)
                        {
                            _il.Emit(OpCodes.Stloc, doubles[((NameExpr)a.Targets[k]).Symbol!]);
                            goto assigned;
                        }
                        values[k] = _il.DeclareLocal(typeof(double));
                        _il.Emit(OpCodes.Stloc, values[k]!);
                    }
                    for (int k = a.Targets.Count - 1; k >= 0; k--)
                    {
                        var target = ((NameExpr)a.Targets[k]).Symbol!;
                        if (values[k] is { } t)
                        {
                            _il.Emit(OpCodes.Ldloc, t);
                            _il.Emit(OpCodes.Stloc, doubles[target]);
                        }
                        else
                        {
                            Load(a.Values[k] switch { TrueExpr => Operand.True, FalseExpr => Operand.False, _ => Operand.Nil });
                            _il.Emit(OpCodes.Stloc, _vars[target]);
                        }
                    }
                    assigned:
                    break;
                }
                case IfStmt f:
                {
                    var end = _il.DefineLabel();
                    _numberLoopConditional++;
                    foreach (var clause in f.Clauses)
                    {
                        var next = _il.DefineLabel();
                        EmitNumberJump(clause.Condition, false, next, doubles);
                        EmitNumberBlock(clause.Body, doubles, loopExit);
                        _il.Emit(OpCodes.Br, end);
                        _il.MarkLabel(next);
                    }
                    if (f.Else is not null) EmitNumberBlock(f.Else, doubles, loopExit);
                    _numberLoopConditional--;
                    _il.MarkLabel(end);
                    break;
                }
                case BreakStmt:
                    EmitCommitFieldStores();
                    _il.Emit(OpCodes.Br, loopExit);
                    break;
                case ReturnStmt ret:
                    EmitCommitFieldStores();
                    EmitNumberLoopWriteBack(_numberLoopOuter, doubles);
                    EmitReturn(ret);
                    break;
            }
        }
    }

    /// <summary>
    /// Branches to <paramref name="target"/> when a condition QualifiesCondition accepted is <paramref name="when"/>.
    /// <c>and</c>/<c>or</c> short-circuit as in Lua, so the right side's reads (and their bail-outs) only happen
    /// when it is evaluated.
    /// </summary>
    private void EmitNumberJump(Expr e, bool when, Label target, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        switch (StripParens(e))
        {
            case UnaryExpr { Op: UnaryOp.Not } not:
                EmitNumberJump(not.Operand, !when, target, doubles);
                return;
            case BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } logic:
                // "a and b" is false as soon as a is; "a or b" true as soon as a is.
                bool decidesAlone = logic.Op == BinaryOp.Or;
                if (when == decidesAlone)
                {
                    EmitNumberJump(logic.Left, when, target, doubles);
                    EmitNumberJump(logic.Right, when, target, doubles);
                }
                else
                {
                    var skip = _il.DefineLabel();
                    EmitNumberJump(logic.Left, decidesAlone, skip, doubles);
                    EmitNumberJump(logic.Right, when, target, doubles);
                    _il.MarkLabel(skip);
                }
                return;
            case IndexExpr element:
                EmitElementTruth(element, doubles);
                _il.Emit(when ? OpCodes.Brtrue : OpCodes.Brfalse, target);
                return;
            default:
                EmitNumberCondition(e, doubles);
                _il.Emit(when ? OpCodes.Brtrue : OpCodes.Brfalse, target);
                return;
        }
    }

    /// <summary>
    /// Pushes whether array element <c>t[k]</c> is true (neither nil nor false). A nil slot bails out: it may be a
    /// hole of the array part, a key outside it (held by the hash part) or one for __index, which the ordinary loop
    /// tells apart; false and every other value are what t[k] gives whatever the metatable.
    /// </summary>
    private void EmitElementTruth(IndexExpr element, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        PreEvaluateGuarded(element.Key, doubles);
        var slot = EmitArraySlot(element, doubles);
        _il.Emit(OpCodes.Ldloc, slot);
        _il.Emit(OpCodes.Call, RefOf);
        _il.Emit(OpCodes.Brfalse, _numberLoopBailOut);
        _il.Emit(OpCodes.Ldloc, slot);
        _il.Emit(OpCodes.Call, IsTruthy);
    }

    /// <summary>
    /// Reads array element <c>t[k]</c> into a new LuaValue local (nil unless t is a table and k an integer key of
    /// its array part: see NumberLoopSupport.ArraySlot),
    /// from the array the copy holds in hand, or through the table's local.
    /// </summary>
    private LocalBuilder EmitArraySlot(IndexExpr element, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        var slot = _il.DeclareLocal(typeof(Runtime.LuaValue));
        var table = ((NameExpr)element.Object).Symbol!;
        bool inHand = _numberLoopArrays.TryGetValue(table, out var array);
        _il.Emit(OpCodes.Ldloc, inHand ? array! : NumberLoopTable(table));
        if (TryEmitIntKey(element.Key, doubles)) _il.Emit(OpCodes.Call, inHand ? NumberLoopArraySlotAt : NumberLoopArraySlotAtKey);
        else
        {
            EmitNumberValue(element.Key, doubles);
            _il.Emit(OpCodes.Call, inHand ? NumberLoopArraySlotIn : NumberLoopArraySlot);
        }
        _il.Emit(OpCodes.Stloc, slot);
        return slot;
    }

    /// <summary>Pushes a comparison's bool, both sides numbers. Gt/Ge compare swapped, as Lua does.</summary>
    private void EmitNumberCondition(Expr e, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        var c = (BinaryExpr)StripParens(e);
        PreEvaluateGuarded(c.Left, doubles);
        PreEvaluateGuarded(c.Right, doubles);
        bool swap = c.Op is BinaryOp.Gt or BinaryOp.Ge;
        EmitNumberValue(swap ? c.Right : c.Left, doubles);
        EmitNumberValue(swap ? c.Left : c.Right, doubles);
        switch (c.Op)
        {
            case BinaryOp.Eq: _il.Emit(OpCodes.Ceq); break;
            case BinaryOp.Ne:
                _il.Emit(OpCodes.Ceq);
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Ceq);
                break;
            case BinaryOp.Lt or BinaryOp.Gt: _il.Emit(OpCodes.Clt); break;
            default:
                // x <= y is !(x > y or unordered)
                _il.Emit(OpCodes.Cgt_Un);
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Ceq);
                break;
        }
    }

    /// <summary>Array reads and inlined calls already computed into double locals, for the statement being emitted.</summary>
    private readonly Dictionary<Expr, LocalBuilder> _numberLoopGuarded = new();

    /// <summary>
    /// Computes the array reads and inlined calls of an expression into double locals first, innermost first:
    /// their bail-out branches must leave the IL stack empty, which they would not in the middle of arithmetic.
    /// Both are pure, so computing them ahead of the arithmetic changes nothing.
    /// </summary>
    private void PreEvaluateGuarded(Expr e, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        e = StripParens(e);
        switch (e)
        {
            case UnaryExpr u: PreEvaluateGuarded(u.Operand, doubles); return;
            case BinaryExpr b:
                PreEvaluateGuarded(b.Left, doubles);
                PreEvaluateGuarded(b.Right, doubles);
                return;
            case IndexExpr ix:
                PreEvaluateGuarded(ix.Key, doubles);
                break;
            case CallExpr call:
                foreach (var arg in call.Arguments) PreEvaluateGuarded(arg, doubles);
                break;
            default:
                return;
        }
        if (_numberLoopGuarded.ContainsKey(e)) return;
        EmitNumberValue(e, doubles);
        var computed = _il.DeclareLocal(typeof(double));
        _il.Emit(OpCodes.Stloc, computed);
        _numberLoopGuarded[e] = computed;
    }

    /// <summary>Pushes the double of an expression QualifiesNumber accepted (its guarded parts pre-evaluated).</summary>
    private void EmitNumberValue(Expr e, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        if (_numberLoopGuarded.TryGetValue(StripParens(e), out var guarded))
        {
            _il.Emit(OpCodes.Ldloc, guarded);
            return;
        }
        switch (StripParens(e))
        {
            case IndexExpr { Key: StringExpr } field:
                EmitFieldNumber(field);
                break;
            case IndexExpr ix:
            {
                // The slot, unless it is not a number: then bail out (see the top of this file).
                var slot = EmitArraySlot(ix, doubles);
                _il.Emit(OpCodes.Ldloc, slot);
                _il.Emit(OpCodes.Call, IsNumberValue);
                _il.Emit(OpCodes.Brfalse, _numberLoopBailOut);
                _il.Emit(OpCodes.Ldloc, slot);
                _il.Emit(OpCodes.Ldfld, ValueNumber);
                break;
            }
            case CallExpr { Function: NameExpr { Symbol: { } f } } call when KnownCalleeType(call) is null:
            {
                // The variable was tested at the copy's entry: it holds the math library's own function.
                var method = NumberLoopSupport.IntrinsicNamed(f.Name)!.Value.Method;
                EmitNumberValue(call.Arguments[0], doubles);
                _il.Emit(OpCodes.Call, method);
                break;
            }
            case CallExpr call:
            {
                // The callee's variable was tested at the copy's entry: it holds a closure of the known body
                // (debug.setupvalue could have changed it before the loop; nothing in the copy can).
                var symbol = ((NameExpr)call.Function).Symbol!;
                var body = symbol.DeclaredFunction!;
                var locals = new Dictionary<LocalSymbol, LocalBuilder>();
                for (int k = 0; k < call.Arguments.Count; k++)
                {
                    EmitNumberValue(call.Arguments[k], doubles);
                    var d = _il.DeclareLocal(typeof(double));
                    _il.Emit(OpCodes.Stloc, d);
                    locals[body.ParameterSymbols![k]] = d;
                }
                foreach (var stmt in body.Body.Statements)
                {
                    if (stmt is LocalStmt local)
                    {
                        var values = new List<LocalBuilder>();
                        foreach (var v in local.Values)
                        {
                            EmitNumericBody(v, locals);
                            var d = _il.DeclareLocal(typeof(double));
                            _il.Emit(OpCodes.Stloc, d);
                            values.Add(d);
                        }
                        for (int k = 0; k < values.Count; k++) locals[local.Symbols![k]] = values[k];
                    }
                    else EmitNumericBody(((ReturnStmt)stmt).Values[0], locals);
                }
                break;
            }
            case NumberExpr n: _il.Emit(OpCodes.Ldc_R8, n.Value); break;
            case NameExpr n:
                _il.Emit(OpCodes.Ldloc, doubles.TryGetValue(n.Symbol!, out var own) ? own : _numericForCounters[n.Symbol!]);
                break;
            case UnaryExpr u:
                EmitNumberValue(u.Operand, doubles);
                _il.Emit(OpCodes.Neg);
                break;
            case BinaryExpr b:
                EmitNumberValue(b.Left, doubles);
                EmitNumberValue(b.Right, doubles);
                EmitDoubleArithmetic(b.Op);
                break;
        }
    }
}
