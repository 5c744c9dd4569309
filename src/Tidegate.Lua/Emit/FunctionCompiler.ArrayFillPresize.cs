using System.Reflection;
using System.Reflection.Emit;
using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Emit;

// Array fills: a numeric for whose whole body is `t[i] = v` (sieve's `for i = 1, limit do composite[i] = false
// end`) appends to t one key at a time, and an 8M-key fill spends most of its time doubling the array part. Before
// such a loop runs, LuaTable.PresizeArrayForFill sizes t's array part once to what the appends end at. That API
// promises the same end state (array and hash sizes, `#`, traversal) as the appends for a loop that runs to its
// end, so the call is made only where nothing can stop the loop early or look at the table while it runs:
// - the step is absent or the constant 1, the body is exactly one store, its target `t[i]` with t a local or an
//   upvalue (not the loop's counter) and the key the loop's counter: no break, goto, return, call or metamethod
//   other than t's own __newindex;
// - t is a table without a metatable when the loop starts (tested at run time), so no __newindex runs, and
//   nothing in the loop can give it one;
// - the value cannot raise and is never nil (a nil stored would leave the array part empty where the presize
//   made it large): a constant other than nil, the counter, number arithmetic of the counter and number
//   constants, or a local/upvalue read that holds a non-nil value when the loop starts (no iteration can
//   assign it: the body assigns only t[i]);
// - the chunk has no hook checks or local access compiled in (so no line hook or debug.getlocal runs inside
//   the loop), and at run time no count hook is set and no run-time budget (the back-edge could otherwise run
//   a hook that reads or writes t, or raise). A host deadline that stops a script by zeroing the countdown
//   leaves the state exhausted (every later back-edge and function entry fails too), so what follows can see a
//   partly filled presized table only in straight-line code, where it reads as the appends left it (the same
//   keys, `#` and traversal; only the array part's size differs).
internal sealed partial class FunctionCompiler
{
    private static readonly MethodInfo PresizeForFill = typeof(ArrayFillPresize).GetMethod(nameof(ArrayFillPresize.PresizeForFill))!;

    /// <summary>
    /// Before the numeric for <paramref name="s"/> whose first and last counter values are in
    /// <paramref name="first"/> and <paramref name="last"/>: presizes its table when the loop is an array fill
    /// (see the top of this file). Emits nothing when it is not.
    /// </summary>
    private void EmitArrayFillPresize(NumericForStmt s, LocalBuilder first, LocalBuilder last)
    {
        if (_ctx.HookChecks || LocalAccess) return;
        if (s.Step is not null && s.Step is not NumberExpr { Value: 1 }) return;
        var counter = s.Symbol;
        if (counter is null || s.Body.Statements is not [AssignStmt { Targets: [IndexExpr target], Values: [var value] }]) return;
        if (target.Key is not NameExpr { Symbol: { } key } || key != counter) return;
        if (target.Object is not NameExpr { Symbol: { } table } || table == counter) return;
        bool sampleValue;
        if (IsFillConstant(value) || IsCounterArithmetic(value, counter)) sampleValue = false;
        else if (value is NameExpr { Symbol: not null }) sampleValue = true;
        else return;

        LdThread();
        var tableOp = Eval(target.Object);
        Load(tableOp);
        Release(tableOp);
        _il.Emit(OpCodes.Ldloc, first);
        _il.Emit(OpCodes.Ldloc, last);
        if (sampleValue)
        {
            var valueOp = Eval(value);
            Load(valueOp);
            Release(valueOp);
        }
        else Load(Operand.True);
        _il.Emit(OpCodes.Call, PresizeForFill);
    }

    /// <summary>A constant that is not nil: true, false, a number, a string.</summary>
    private static bool IsFillConstant(Expr e) => e is TrueExpr or FalseExpr or NumberExpr or StringExpr;

    /// <summary>The counter, a number constant, or +, -, *, / and unary minus of those: always a number, never raises.</summary>
    private static bool IsCounterArithmetic(Expr e, Binding.LocalSymbol counter) => e switch
    {
        NameExpr n => n.Symbol == counter,
        NumberExpr => true,
        UnaryExpr { Op: UnaryOp.Neg } u => IsCounterArithmetic(u.Operand, counter),
        BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div } b =>
            IsCounterArithmetic(b.Left, counter) && IsCounterArithmetic(b.Right, counter),
        _ => false,
    };
}

/// <summary>The run-time half of an array fill's presize (FunctionCompiler.ArrayFillPresize).</summary>
public static class ArrayFillPresize
{
    /// <summary>
    /// Presizes <paramref name="table"/>'s array part for the appends of t[first..last] when it is a table without
    /// a metatable, the bounds are integers with first ≤ last, <paramref name="storedValue"/> (one of the values
    /// the loop stores, all non-nil when it is) is not nil, and no count hook or run-time budget is set.
    /// </summary>
    public static void PresizeForFill(LuaThread thread, LuaValue table, double first, double last, LuaValue storedValue)
    {
        if (table.Ref is not LuaTable t || t.Metatable is not null || storedValue.IsNil) return;
        if (thread.State.BackEdgesMayInterrupt) return;
        // Negated so that NaN bounds fail too; the casts are exact only for integers in int's range.
        if (!(first >= 1 && first <= last && last <= LuaTable.MaxPresizedArray)) return;
        int from = (int)first, to = (int)last;
        if (from != first || to != last) return;
        t.PresizeArrayForFill(from, to);
    }
}
