using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Emit;

/// <summary>Run-time helpers of the number copy of a numeric for (FunctionCompiler.NumberLoops).</summary>
public static class NumberLoopSupport
{
    /// <summary>
    /// Counts one back-edge without a call in the loop; false (and nothing counted) when the countdown is
    /// exhausted: the copy then hands over to the ordinary loop at the same back-edge, whose own countdown
    /// settles it (run-time limit, count hook) exactly as it would have.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCount(LuaThread t)
    {
        var s = t.State;
        long left = s.BudgetRemaining - 1;
        if (left < 0) return false;
        s.BudgetRemaining = left;
        return true;
    }

    /// <summary>
    /// <c>t[k]</c> when <paramref name="t"/> is a table and <paramref name="k"/> an integer key of its array
    /// part: that slot (a non-nil slot is what t[k] gives whatever the metatable); nil otherwise, which the
    /// copy treats like any non-number: it hands the iteration over to the ordinary loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue ArraySlot(LuaValue t, double k)
    {
        if (t.Ref is LuaTable tb)
        {
            int i = (int)k;
            var array = tb.ArrayPart;
            if (i == k && (uint)(i - 1) < (uint)array.Length) return array[i - 1];
        }
        return default;
    }

    /// <summary>
    /// The array part of table <paramref name="t"/> (null if not a table), taken once when a number copy starts:
    /// nothing in the copy grows or shrinks a table, so it stays the table's array until the copy ends.
    /// </summary>
    public static LuaValue[]? ArrayOf(LuaValue t) => t.Ref is LuaTable tb ? tb.ArrayStorage : null;

    /// <summary><see cref="ArraySlot"/> with the table's array part already in hand (<see cref="ArrayOf"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue ArraySlotIn(LuaValue[] array, double k)
    {
        int i = (int)k;
        if (i == k && (uint)(i - 1) < (uint)array.Length) return array[i - 1];
        return default;
    }

    /// <summary>
    /// <c>t[k] = v</c> when <paramref name="t"/> is a table, <paramref name="k"/> an integer key of its array
    /// part and the slot already holds a value (so no __newindex can be involved; or the table has no
    /// metatable): stores and returns true. Otherwise stores nothing and returns false: the copy bails out
    /// and the ordinary loop does this iteration.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryStoreArraySlot(LuaValue t, double k, LuaValue v)
    {
        if (t.Ref is not LuaTable tb) return false;
        int i = (int)k;
        return i == k && tb.TrySetArraySlot(i, v);
    }

    /// <summary>
    /// How far from 0 a numeric for's start, step and (clamped) limit may be for its copy to key arrays by the
    /// counter's exact int (FunctionCompiler.IntKeys): the counter then stays within 2^30, and a key of the counter
    /// plus or minus a constant up to <see cref="MaxIntKeyOffset"/> within an int.
    /// </summary>
    public const int IntCounterBound = 1 << 29;

    /// <summary>The largest constant an int key may add to or subtract from the counter.</summary>
    public const int MaxIntKeyOffset = 1 << 20;

    /// <summary>True when every value of a counter starting at <paramref name="start"/> and going by <paramref name="step"/> is an integer in range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IntCounterFits(double start, double step) =>
        Math.Abs(start) <= IntCounterBound && Math.Abs(step) <= IntCounterBound
        && start == Math.Floor(start) && step == Math.Floor(step);

    /// <summary>
    /// The limit an int-keyed copy runs to: the loop's own, or the bound in the step's direction when the loop
    /// goes further (<c>for i = 1, math.huge</c>); the ordinary loop does the iterations past the bound. NaN stays NaN.
    /// </summary>
    public static double IntCounterLimit(double limit, double step) =>
        step >= 0 ? Math.Min(limit, IntCounterBound) : Math.Max(limit, -IntCounterBound);

    /// <summary>
    /// The int a double known to be an integer well inside the int range is (an int-keyed copy's counter): the bare
    /// truncating conversion, without the saturation and the exactness test a key otherwise needs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExactInt(double d) => double.ConvertToIntegerNative<int>(d);

    /// <summary><see cref="ArraySlotIn"/> for an int key (an int-keyed copy's, exact by construction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue ArraySlotAt(LuaValue[] array, int i) =>
        (uint)(i - 1) < (uint)array.Length ? array[i - 1] : default;

    /// <summary><see cref="ArraySlot"/> for an int key (an int-keyed copy's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue ArraySlotAtKey(LuaValue t, int i)
    {
        if (t.Ref is LuaTable tb)
        {
            var array = tb.ArrayPart;
            if ((uint)(i - 1) < (uint)array.Length) return array[i - 1];
        }
        return default;
    }

    /// <summary><see cref="TryStoreArraySlot"/> for an int key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryStoreArraySlotAt(LuaValue t, int i, LuaValue v) =>
        t.Ref is LuaTable tb && tb.TrySetArraySlot(i, v);

    /// <summary>
    /// Whether <see cref="TryStoreArraySlot"/> would store into <c>t[k]</c> (the same conditions), for a statement
    /// storing several elements: all are checked before the first is stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanStoreArraySlot(LuaValue t, double k)
    {
        if (t.Ref is not LuaTable tb) return false;
        int i = (int)k;
        var array = tb.ArrayPart;
        return i == k && (uint)(i - 1) < (uint)array.Length && (!array[i - 1].IsNil || tb.Metatable is null);
    }

    /// <summary>
    /// <c>t.k</c> for a constant string key when <paramref name="t"/> is a table whose node <paramref name="hint"/>
    /// holds k: the raw value (a non-nil raw value is what t.k gives whatever the metatable). Nil otherwise (not
    /// a table, absent, or elsewhere than the hint says), which the copy treats as it treats a non-number: it
    /// refreshes the hint (<see cref="RefreshHint"/>) and bails out. Nothing here calls, so the copy's doubles
    /// stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Field(LuaValue t, LuaString k, int hint) =>
        t.Ref is LuaTable tb ? tb.StrAtHint(k, hint) : default;

    /// <summary>
    /// Where <c>t.k = v</c> can store without any other effect: node <paramref name="hint"/> when it holds k with
    /// a non-nil value (so the store can neither call __newindex nor insert and rehash); -1 otherwise, and the
    /// copy refreshes the hint and bails out before storing anything.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FieldNode(LuaValue t, LuaString k, int hint) =>
        t.Ref is LuaTable tb && !tb.StrAtHint(k, hint).IsNil ? hint : -1;

    /// <summary>On the way out of a copy that missed a field's hint: points the hint at where k is now, for the next time.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void RefreshHint(LuaValue t, LuaString k, ref int hint)
    {
        if (t.Ref is LuaTable tb) tb.GetStr(k, ref hint);
    }

    /// <summary>Commits a buffered <c>t.k = v</c> into the node <see cref="FieldNode"/> found for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CommitField(LuaValue t, int node, double v) =>
        Unsafe.As<LuaTable>(t.Ref!).SetNodeNumber(node, v);

    /// <summary>True when <paramref name="f"/> is the math library's own function for <paramref name="intrinsic"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsIntrinsic(LuaValue f, NumberIntrinsic intrinsic) =>
        f.Ref is HostFunction h && h.Intrinsic == intrinsic;

    /// <summary>The method a number loop calls for a math function variable named <paramref name="name"/>.</summary>
    internal static (NumberIntrinsic Intrinsic, System.Reflection.MethodInfo Method)? IntrinsicNamed(string name) => name switch
    {
        "sqrt" => (NumberIntrinsic.Sqrt, MathMethod(nameof(Math.Sqrt))),
        "abs" => (NumberIntrinsic.Abs, MathMethod(nameof(Math.Abs))),
        "floor" => (NumberIntrinsic.Floor, MathMethod(nameof(Math.Floor))),
        "ceil" => (NumberIntrinsic.Ceil, MathMethod(nameof(Math.Ceiling))),
        "exp" => (NumberIntrinsic.Exp, MathMethod(nameof(Math.Exp))),
        "sin" => (NumberIntrinsic.Sin, MathMethod(nameof(Math.Sin))),
        "cos" => (NumberIntrinsic.Cos, MathMethod(nameof(Math.Cos))),
        "tan" => (NumberIntrinsic.Tan, MathMethod(nameof(Math.Tan))),
        _ => null,
    };

    private static System.Reflection.MethodInfo MathMethod(string name) => typeof(Math).GetMethod(name, new[] { typeof(double) })!;
}
