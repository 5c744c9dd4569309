using Tidegate.Lua.Hosting;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Tests.Emit;

/// <summary>
/// Function entries charge the run-time budget and the count hook. Each thread counts them in batches while
/// neither is set (LuaThread.EntryBudget.cs); these tests hold the exact accounting once one is set, including
/// for code that only calls (no loop back-edges), and a time limit reaching such code.
/// </summary>
public class EntryBudgetTests
{
    private const string Calls10 = "local function f() end f() f() f() f() f() f() f() f() f() f()";

    [Fact]
    public void BudgetCountsEveryEntryExactlyEvenAfterBatchedEntries()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        // Leaves the main thread in the middle of an entry batch.
        state.DoString("local function f(n) if n > 0 then return f(n - 1) + 1 end return 0 end return f(7)");
        // The chunk's entry and its 10 calls: 11 entries fit a budget of 11, and nothing more does.
        state.SetBudget(11);
        state.DoString(Calls10);
        var e = Assert.Throws<LuaException>(() => state.DoString("return 1", "=next"));
        Assert.Contains("run time limit exceeded", e.Message);
        state.SetBudget(10);
        e = Assert.Throws<LuaException>(() => state.DoString(Calls10, "=ten"));
        Assert.Equal("ten:1: run time limit exceeded", e.Message);
        state.SetBudget(-1);
        Assert.Equal(3.0, state.DoString("return 1 + 2")[0].Number);
    }

    [Fact]
    public void BudgetStopsCodeThatOnlyCalls()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        state.SetBudget(100_000);
        var e = Assert.Throws<LuaException>(() => state.DoString(
            "local function t(n) if n == 0 then return 1 end return t(n - 1) + t(n - 1) end return t(40)", "@calls.lua"));
        Assert.Equal("calls.lua:1: run time limit exceeded", e.Message);
        // Exhausted stays exhausted: a pcall in the script cannot catch it and go on calling.
        state.SetBudget(1000);
        e = Assert.Throws<LuaException>(() => state.DoString(
            "local function t(n) if n == 0 then return 1 end return t(n - 1) + t(n - 1) end " +
            "local function again() pcall(t, 30) return again() end return again()", "=again"));
        Assert.Contains("run time limit exceeded", e.Message);
        state.SetBudget(-1);
    }

    [Fact]
    public void CountHookSeesEveryEntry()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        state.DoString("local function f(n) if n > 0 then return f(n - 1) + 1 end return 0 end return f(5)");
        int calls = 0;
        state.SetCountHook(_ => calls++, 1000);
        // 2^17 - 1 calls of t and the chunk's entry: no loops, so every count is an entry.
        var r = state.DoString("local function t(n) if n == 0 then return 1 end return t(n - 1) + t(n - 1) end return t(16)");
        state.SetCountHook(null, 0);
        Assert.Equal(65536.0, r[0].Number);
        Assert.InRange(calls, 125, 135);
    }

    [Fact]
    public void TimeLimitStopsCodeThatOnlyCalls()
    {
        var lua = new LuaEngine { TimeLimit = TimeSpan.FromMilliseconds(200) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<LuaException>(() => lua.Run(
            "local function t(n) if n == 0 then return 1 end return t(n - 1) + t(n - 1) end return t(60)"));
        Assert.Contains("run time limit exceeded", e.Value.ToString());
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.1, 10);
        Assert.Equal(new object?[] { 1.0 }, lua.Run("return 1"));
    }
}
