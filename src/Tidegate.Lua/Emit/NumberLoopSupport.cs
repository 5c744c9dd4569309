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
}
