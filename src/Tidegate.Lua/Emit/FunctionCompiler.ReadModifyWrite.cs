using System.Reflection.Emit;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Read-modify-write of one table entry with a run-time key: `t[k] = t[k] + c`, `t[k] = t[k] - c` and the counting
// idiom `t[k] = (t[k] or x) + c`, where t and k are variables and c a number constant. Compiled as two separate
// accesses, these probe the key twice (the read, then the store's own lookup); here the entry is probed once and, when
// it already holds a number, the sum is written into that slot (CompiledCode.AddInPlace). Anything else (the key
// absent or nil, a non-number value, not a table, a key of another kind) runs the statement as written.
//
// Why that is exact: the fast path only happens when the raw entry exists and holds a number. Then the read would
// have seen that number without consulting __index (only a nil raw value does), `or` would have kept it (a number is
// true), the addition of two numbers consults no __add, and the store to a present key consults no __newindex. The
// probe itself is raw and has no effect, so falling back re-runs the whole statement unchanged. t and k are
// variables, which the statement's evaluation cannot change between the read and the store (its operands are a
// constant and the read itself), so the entry read is the entry written.
internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// For <c>t[k] = e</c>: if e is <c>t[k] + c</c>, <c>t[k] - c</c> or <c>(t[k] or x) + c</c> (same variables t, k;
    /// c a number constant), the amount added (-c for a subtraction).
    /// </summary>
    private static bool IsAddToSameEntry(IndexExpr target, Expr value, out double delta)
    {
        delta = 0;
        if (target.Key is StringExpr) return false; // constant keys have per-site slot hints: both accesses are one compare
        if (target.Object is not NameExpr { Symbol: { } table } || target.Key is not NameExpr { Symbol: { } key }) return false;
        if (value is not BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub } sum || sum.Right is not NumberExpr amount) return false;
        var read = sum.Left;
        while (read is ParenExpr p) read = p.Inner;
        if (read is BinaryExpr { Op: BinaryOp.Or } or)
        {
            // (t[k] or x): x is never evaluated when t[k] holds a number, so it may be anything.
            read = or.Left;
            while (read is ParenExpr p) read = p.Inner;
        }
        if (read is not IndexExpr { Object: NameExpr { Symbol: { } readTable }, Key: NameExpr { Symbol: { } readKey } }) return false;
        if (!ReferenceEquals(readTable, table) || !ReferenceEquals(readKey, key)) return false;
        delta = sum.Op == BinaryOp.Add ? amount.Value : -amount.Value;
        return true;
    }

    /// <summary>
    /// <c>t[k] = t[k] + c</c> (see the file comment): the in-place add, and the statement as written when it declines.
    /// <paramref name="obj"/> and <paramref name="key"/> are the target's evaluated table and key.
    /// </summary>
    private void EmitAddToSameEntry(AssignStmt s, IndexExpr target, Operand obj, Operand key, double delta)
    {
        var done = _il.DefineLabel();
        Load(obj);
        Load(key);
        _il.Emit(OpCodes.Ldc_R8, delta);
        _il.Emit(OpCodes.Call, AddInPlace);
        _il.Emit(OpCodes.Brtrue, done);
        var v = Eval(s.Values[0]);
        EmitSetIndex(obj, target.Key, key, v, s.Line);
        Release(v);
        _il.MarkLabel(done);
    }
}
