using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Emit;

/// <summary>
/// The back-edge countdown of a number loop (FunctionCompiler.NumberLoops), without a call in the loop: when
/// the countdown runs out, the step is given back and the ordinary loop takes over at the same back-edge,
/// whose own countdown then settles it (run-time limit, count hook) exactly as it would have.
/// </summary>
public static class NumberLoopCountdown
{
    /// <summary>Counts one back-edge; false (and nothing counted) when the countdown is exhausted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCount(LuaThread t)
    {
        var s = t.State;
        long left = s.BudgetRemaining - 1;
        if (left < 0) return false;
        s.BudgetRemaining = left;
        return true;
    }
}
