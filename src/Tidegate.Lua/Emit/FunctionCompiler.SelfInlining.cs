using System.Reflection;
using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// A recursive local function's non-tail calls to itself, compiled as its own body once more, inline, one level
// deep: `local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end` computes each
// `fib(k - 1)` in its own method, with k - 1 in a new IL local, and the inlined copy's own calls to fib are
// ordinary (direct) calls. Half of the calls of a binary recursion then cost no method entry.
//
// The inlined level is visible exactly as a real call: the call site stores its site and runs the entry
// (EnterFrame(this): the budget count, the depth and .NET stack checks, the record at the top of the record
// stack), and each of the level's returns pops the record. Errors, their positions, error(msg, 2), tracebacks,
// debug.getinfo(n) and stack overflow read the records, and the inlined body is this very prototype, so its
// sites are the prototype's own: an error inside the level names the same line and operand as the real call
// would. The guard is the callee being this very closure (`fib` read from its upvalue, which debug.setupvalue
// can replace): the inlined body reads this closure's upvalues, so only this closure qualifies.
//
// A yield inside the level (a call it makes, a metamethod of one of its operations) saves the method's locals,
// the level's included, once; the level's own saved frame state (InlinedLevelFrames) keeps what a suspended
// coroutine's tracebacks read, and each resume point inside the level re-enters it: drops that state, runs the
// entry again (as a resumed real frame's prologue does) and resumes the call it was at.
//
// What qualifies (kept narrow so the body compiles the same as the function's own): no hook checks or local
// access (the debug-heavy modes), a fixed-parameter function with no inner functions, no loops, goto or
// tail calls, whose returns give at most one value; a call site passing exactly one argument per parameter,
// none of them multi-valued; at most MaxSelfInlinedSites call sites per function. Other calls are ordinary.
internal sealed partial class FunctionCompiler
{
    /// <summary>How many call sites of one function get the inlined copy (each copy is the whole body again).</summary>
    private const int MaxSelfInlinedSites = 2;

    /// <summary>The most statements and expressions a body inlined into itself may have.</summary>
    private const int MaxSelfInlinedNodes = 60;

    private static readonly MethodInfo ValueIsNumber = typeof(InlinedLevelFrames).GetMethod(nameof(InlinedLevelFrames.IsNumber))!;
    private static readonly MethodInfo ChargeInlinedLevel = typeof(InlinedLevelFrames).GetMethod(nameof(InlinedLevelFrames.Charge))!;
    private static readonly MethodInfo PushInlinedLevelRecord = typeof(InlinedLevelFrames).GetMethod(nameof(InlinedLevelFrames.PushRecord))!;
    private static readonly MethodInfo CanEnterInlinedLevel = typeof(InlinedLevelFrames).GetMethod(nameof(InlinedLevelFrames.CanEnter))!;
    private static readonly MethodInfo SuspendInlinedLevel = typeof(InlinedLevelFrames).GetMethod(nameof(InlinedLevelFrames.Suspend))!;
    private static readonly MethodInfo ResumeInlinedLevel = typeof(InlinedLevelFrames).GetMethod(nameof(InlinedLevelFrames.Resume))!;

    /// <summary>The inlined level being emitted, or null.</summary>
    private InlinedLevel? _inlined;
    private int _selfInlinedSites;
    private bool? _bodyInlinable;

    /// <summary>What the inlined level's returns need.</summary>
    private sealed class InlinedLevel
    {
        /// <summary>Where the call's first result goes (null: the results go to the stack at <see cref="Base"/>).</summary>
        public required LocalBuilder? First;
        /// <summary>The call's base slot: the level's frame starts there, as the real call's would.</summary>
        public required int Base;
        /// <summary>After the level: every return jumps here with the result count in _status.</summary>
        public required Label Exit;
        /// <summary>The IL locals of the level's variables, cleared when it exits (its values must die with it).</summary>
        public readonly List<LocalBuilder> Variables = new();
        /// <summary>The inlined call's site (its record's caller site).</summary>
        public required int Site;
        /// <summary>Whether the code being emitted runs with the level's record pushed (see PushInlinedRecord).</summary>
        public bool RecordPushed;
        /// <summary>The parameters known to hold numbers (never assigned; the entry tested the arguments).</summary>
        public readonly HashSet<LocalSymbol> Numbers = new();
    }

    /// <summary>
    /// A call to this very function, inlined: emits the guard and the inlined body, which jumps to
    /// <paramref name="haveFirst"/> (with <paramref name="first"/> wanted) or <paramref name="afterCall"/> with
    /// the results as after a call; the guard's other case falls through to the ordinary call the caller emits.
    /// Returns false (emitting nothing) when the call does not qualify.
    /// </summary>
    private bool TryEmitSelfInlinedCall(Expr expr, int b, LocalBuilder? first, Label haveFirst, Label afterCall)
    {
        if (_inlined is not null || _ctx.HookChecks || LocalAccess || _selfInlinedSites >= MaxSelfInlinedSites) return false;
        if (expr is not CallExpr { Function: NameExpr { Symbol: { DeclaredFunction: { } declared, IsAssigned: false } } } call
            || !ReferenceEquals(declared, _body)) return false;
        if (call.Arguments.Count != ParameterCount || (ParameterCount > 0 && IsMultiValued(call.Arguments[^1]))) return false;
        _bodyInlinable ??= IsSelfInlinableBody(_body);
        if (_bodyInlinable != true) return false;
        _selfInlinedSites++;

        var general = _il.DefineLabel();
        var fn = Eval(call.Function);
        Load(fn);
        _il.Emit(OpCodes.Call, RefOf);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Bne_Un, general);

        // The arguments, evaluated as TryEmitDirectCall does: nested calls put their frames above each one's slot.
        var values = new List<Operand>(ParameterCount);
        foreach (var arg in call.Arguments)
        {
            _depth = b + values.Count;
            values.Add(Eval(arg));
        }
        _depth = b + values.Count;
        // Only numbers go in: then the level's leading number-only statements can neither raise, call nor be
        // observed, and its record is pushed only where that ends (see the top of this file). Other values
        // take the ordinary call, with the arguments already evaluated.
        var notNumbers = _il.DefineLabel();
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i].IsConstant && call.Arguments[i] is NumberExpr) continue;
            Load(values[i]);
            _il.Emit(OpCodes.Call, ValueIsNumber);
            _il.Emit(OpCodes.Brfalse, notNumbers);
        }
        // The entry's rare cases (the depth and .NET stack checks every 16 levels, the record array's growth,
        // the budget running out) are left to the ordinary call, whose entry handles them where a real call does.
        LdThread();
        _il.Emit(OpCodes.Call, CanEnterInlinedLevel);
        _il.Emit(OpCodes.Brfalse, notNumbers);
        _depth = b;
        string? description = Describe(call.Function, out string? callName);
        int site = Site(call.Line, callName, false, description);
        LdThread();
        _il.Emit(OpCodes.Ldc_I4, site);
        _il.Emit(OpCodes.Stfld, ThreadCurrentSite);
        LdThread();
        _il.Emit(OpCodes.Call, ChargeInlinedLevel);

        // The level's variables are the prototype's own symbols: they get IL locals of their own for the
        // copy, and the caller's come back afterwards.
        var outerVars = new Dictionary<LocalSymbol, LocalBuilder>(_vars);
        _vars.Clear();
        int mark = ScopeMark;
        var level = _inlined = new InlinedLevel { First = first, Base = b, Exit = _il.DefineLabel(), Site = site };
        var parameters = _body.ParameterSymbols!;
        for (int i = 0; i < parameters.Count; i++)
        {
            Load(values[i]);
            StoreNewVariable(parameters[i]);
            if (!parameters[i].IsAssigned) level.Numbers.Add(parameters[i]);
        }

        var outerSave = _saveLabel;
        var levelSave = _saveLabel = _il.DefineLabel();
        int firstResumePoint = _resumePoints.Count;
        foreach (var stmt in _body.Body.Statements)
        {
            if (!level.RecordPushed && !IsUnobservableStatement(stmt, level.Numbers)) PushInlinedRecord();
            EmitStatement(stmt);
        }
        EmitInlinedReturn(null); // the end of the body: no results
        _saveLabel = outerSave;
        _inlined = null;
        _scopeVariables.RemoveRange(mark, _scopeVariables.Count - mark);
        _vars.Clear();
        foreach (var (symbol, local) in outerVars) _vars[symbol] = local;
        _depth = b;

        _il.MarkLabel(level.Exit);
        foreach (var local in level.Variables) ClearLocal(local);
        var after = first is not null ? haveFirst : afterCall;
        _il.Emit(OpCodes.Br, after);

        // A yield inside the level: its saved state takes the resume point as the level sees it (the site it was
        // at), the caller's the same index shifted, whose site is the inlined call's.
        int lastResumePoint = _resumePoints.Count;
        int shift = lastResumePoint - firstResumePoint;
        _il.MarkLabel(levelSave);
        LdThread();
        _il.Emit(OpCodes.Ldarg_0);
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldc_I4, ParameterCount);
        _il.Emit(OpCodes.Ldloc, _resumePoint);
        _il.Emit(OpCodes.Call, SuspendInlinedLevel);
        _il.Emit(OpCodes.Ldloc, _resumePoint);
        _il.Emit(OpCodes.Ldc_I4, shift);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, _resumePoint);
        _il.Emit(OpCodes.Br, outerSave);
        for (int k = firstResumePoint; k < lastResumePoint; k++)
        {
            // The level's view of point k stays at index k (never resumed by itself: the caller's point drops it).
            var (resume, reentry) = _resumePoints[k];
            _resumePoints[k] = (resume, () =>
            {
                _il.Emit(OpCodes.Ldstr, "corrupt coroutine frame: an inlined level resumed alone");
                _il.Emit(OpCodes.Newobj, typeof(InvalidOperationException).GetConstructor(new[] { typeof(string) })!);
                _il.Emit(OpCodes.Throw);
            });
            // The caller's view, at k + shift: re-enter the level (as a resumed frame's prologue does), then
            // resume the call inside it.
            _resumeSites.Add(site);
            _resumePoints.Add((_il.DefineLabel(), () =>
            {
                LdThread();
                _il.Emit(OpCodes.Call, ResumeInlinedLevel);
                LdThread();
                _il.Emit(OpCodes.Ldc_I4, site);
                _il.Emit(OpCodes.Stfld, ThreadCurrentSite);
                LdThread();
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Call, ThreadEnterFrame);
                reentry();
            }));
        }

        // Arguments that are not all numbers: the ordinary call with them.
        _il.MarkLabel(notNumbers);
        for (int i = 0; i < values.Count; i++) StoreSlot(b + i, values[i]);
        for (int i = values.Count - 1; i >= 0; i--) Release(values[i]);
        _depth = b + values.Count;
        EmitInvoke(fn, b, values.Count, null, site, description, knownCallee: _type);
        Release(fn);
        _depth = b;
        if (first is not null)
        {
            LdThread();
            LdSlotIndex(b);
            _il.Emit(OpCodes.Ldloc, _status);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Call, Result);
            _il.Emit(OpCodes.Stloc, first);
        }
        _il.Emit(OpCodes.Br, after);

        _il.MarkLabel(general);
        return true;
    }

    /// <summary>The inlined level's record, where its first observable statement starts.</summary>
    private void PushInlinedRecord()
    {
        LdThread();
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldc_I4, _inlined!.Site);
        _il.Emit(OpCodes.Call, PushInlinedLevelRecord);
        _inlined.RecordPushed = true;
    }

    /// <summary>
    /// A statement that, with the level's number parameters, can neither raise, call, yield nor be seen:
    /// <c>if</c> clauses whose conditions compare numbers and whose bodies are a return of a number expression,
    /// or such a return itself.
    /// </summary>
    private static bool IsUnobservableStatement(Stmt stmt, HashSet<LocalSymbol> numbers) => stmt switch
    {
        ReturnStmt { Values.Count: 0 } => true,
        ReturnStmt { Values.Count: 1 } r => IsNumberOnly(r.Values[0], numbers),
        IfStmt s => s.Else is null && s.Clauses.All(c =>
            IsNumberOnly(c.Condition, numbers) && c.Body.Statements.Count == 1 && c.Body.Statements[0] is ReturnStmt
            && IsUnobservableStatement(c.Body.Statements[0], numbers)),
        _ => false,
    };

    /// <summary>Arithmetic and comparisons over number literals and the level's number parameters.</summary>
    private static bool IsNumberOnly(Expr e, HashSet<LocalSymbol> numbers) => e switch
    {
        NumberExpr => true,
        NameExpr { Symbol: { } s } => numbers.Contains(s),
        ParenExpr p => IsNumberOnly(p.Inner, numbers),
        UnaryExpr { Op: UnaryOp.Neg } u => IsNumberOnly(u.Operand, numbers),
        BinaryExpr { Op: not (BinaryOp.Concat or BinaryOp.And or BinaryOp.Or) } b =>
            IsNumberOnly(b.Left, numbers) && IsNumberOnly(b.Right, numbers),
        _ => false,
    };

    /// <summary>
    /// A return of the inlined level: its value (or none) where the call's results go, the record popped, the
    /// result count in _status, then the jump to the level's exit.
    /// </summary>
    private void EmitInlinedReturn(Expr? value)
    {
        var level = _inlined!;
        if (value is null)
        {
            if (level.First is not null) ClearLocal(level.First);
            _il.Emit(OpCodes.Ldc_I4_0);
        }
        else
        {
            var v = Eval(value);
            if (level.First is not null)
            {
                Load(v);
                _il.Emit(OpCodes.Stloc, level.First);
            }
            else StoreSlot(level.Base, v);
            Release(v);
            _il.Emit(OpCodes.Ldc_I4_1);
        }
        _il.Emit(OpCodes.Stloc, _status);
        if (level.RecordPushed)
        {
            LdThread();
            _il.Emit(OpCodes.Call, PopFrame);
        }
        _il.Emit(OpCodes.Br, level.Exit);
    }

    /// <summary>
    /// A body the inlined copy compiles as the function's own: local, assignment, call, if and do statements,
    /// returns of at most one single value, no inner functions, varargs or loops; small.
    /// </summary>
    private static bool IsSelfInlinableBody(FunctionBody body)
    {
        if (body.IsVararg || body.Info is null || body.Info.Children.Count > 0) return false;
        int nodes = 0;
        return IsSelfInlinableBlock(body.Body, ref nodes);
    }

    private static bool IsSelfInlinableBlock(Block block, ref int nodes)
    {
        foreach (var stmt in block.Statements)
        {
            if (++nodes > MaxSelfInlinedNodes) return false;
            switch (stmt)
            {
                case LocalStmt { Symbols: not null } s:
                    if (!CountExpressions(s.Values, ref nodes)) return false;
                    break;
                case AssignStmt s:
                    if (!CountExpressions(s.Targets, ref nodes) || !CountExpressions(s.Values, ref nodes)) return false;
                    break;
                case CallStmt:
                    nodes += 2;
                    break;
                case DoStmt s:
                    if (!IsSelfInlinableBlock(s.Body, ref nodes)) return false;
                    break;
                case IfStmt s:
                    foreach (var clause in s.Clauses)
                        if (!CountExpressions([clause.Condition], ref nodes) || !IsSelfInlinableBlock(clause.Body, ref nodes)) return false;
                    if (s.Else is not null && !IsSelfInlinableBlock(s.Else, ref nodes)) return false;
                    break;
                case ReturnStmt { Values.Count: 0 }:
                    break;
                case ReturnStmt { Values.Count: 1 } r when !IsMultiValued(r.Values[0]):
                    if (!CountExpressions(r.Values, ref nodes)) return false;
                    break;
                default:
                    return false;
            }
        }
        return nodes <= MaxSelfInlinedNodes;
    }

    /// <summary>Adds a rough size of the expressions (binary operators and calls count by their operands).</summary>
    private static bool CountExpressions(List<Expr> exprs, ref int nodes)
    {
        foreach (var e in exprs) nodes += ExpressionSize(e);
        return nodes <= MaxSelfInlinedNodes;
    }

    private static int ExpressionSize(Expr e) => e switch
    {
        BinaryExpr b => 1 + ExpressionSize(b.Left) + ExpressionSize(b.Right),
        UnaryExpr u => 1 + ExpressionSize(u.Operand),
        ParenExpr p => ExpressionSize(p.Inner),
        CallExpr c => 2 + c.Arguments.Sum(ExpressionSize),
        MethodCallExpr m => 3 + m.Arguments.Sum(ExpressionSize),
        IndexExpr i => 1 + ExpressionSize(i.Object) + ExpressionSize(i.Key),
        TableExpr => 8,
        _ => 1,
    };
}
