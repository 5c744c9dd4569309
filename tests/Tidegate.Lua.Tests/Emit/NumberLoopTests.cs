using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Tests.Emit;

/// <summary>
/// The number copy of a numeric for (Emit/FunctionCompiler.NumberLoops.cs) counts its back-edges without a
/// call and hands over to the ordinary loop when the countdown runs out: run-time limits and count hooks
/// must fire as in the ordinary loop, and the loop's result must not change. (The differential corpus
/// checks the values: tests/lua/statements/numeric_for_number_loop_copy.lua.)
/// </summary>
public class NumberLoopTests
{
    private const string SumLoop = "local x, y = 0, 0.5 for i = 1, 100000 do x = x + i; y = y * 0.5 + 1 end return x, y";

    [Fact]
    public void BudgetStopsANumberLoop()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        state.SetBudget(100_000);
        var e = Assert.Throws<LuaException>(() =>
            state.DoString("local x = 0\nfor i = 1, 1e12 do x = x + i * 0.5 end", "@loop.lua"));
        Assert.Equal("loop.lua:2: run time limit exceeded", e.Message);
        state.SetBudget(-1);
        Assert.Equal(3.0, state.DoString("return 1 + 2")[0].Number);
    }

    [Fact]
    public void CountHookFiresInANumberLoopAndTheLoopGoesOnExactly()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        int calls = 0;
        state.SetCountHook(_ => calls++, 1000);
        var r = state.DoString(SumLoop);
        Assert.InRange(calls, 95, 105);
        Assert.Equal(5000050000.0, r[0].Number);
        Assert.Equal(2.0, r[1].Number);
        state.SetCountHook(null, 0);
    }

    [Fact]
    public void BudgetLeftAfterANumberLoopIsWhatTheOrdinaryLoopLeaves()
    {
        // The same loop twice under a budget: the copy must count one per iteration, as the ordinary loop does,
        // so a budget just above one run's count lets exactly one run through.
        var state = LuaJitReference.NewState(new MemoryStream());
        state.SetBudget(100_050);
        var r = state.DoString(SumLoop);
        Assert.Equal(5000050000.0, r[0].Number);
        var e = Assert.Throws<LuaException>(() => state.DoString(SumLoop, "=again"));
        Assert.Equal("again:1: run time limit exceeded", e.Message);
        state.SetBudget(-1);
    }
}
