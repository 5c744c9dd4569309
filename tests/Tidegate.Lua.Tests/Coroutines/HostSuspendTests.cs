using System.Diagnostics;
using Tidegate.Lua.Tests.Emit;

namespace Tidegate.Lua.Tests.Coroutines;

/// <summary>Tests that count process threads and memory run alone, not beside tests that start threads.</summary>
[CollectionDefinition(nameof(IsolatedCollection), DisableParallelization = true)]
public sealed class IsolatedCollection { }

/// <summary>
/// The .NET side of deep yields: a host function suspends the running coroutine, and .NET code resumes
/// it later with values that become the host function's results (what cosockets are built on).
/// </summary>
[Collection(nameof(IsolatedCollection))]
public class HostSuspendTests
{
    private static LuaState StateWithWait(List<LuaThread> parked)
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        state.Globals["wait"] = new HostFunction("wait", call =>
        {
            parked.Add(call.Thread);
            return call.Thread.Suspend(call);
        });
        return state;
    }

    [Fact]
    public void AHostFunctionSuspendsAndIsResumedWithValues()
    {
        var parked = new List<LuaThread>();
        var state = StateWithWait(parked);
        var body = state.Load("local a, b = wait() return a .. b, select('#', wait())"u8, "=suspend");
        var co = state.NewThread(body);
        Assert.Empty(co.Resume());
        Assert.Equal(CoroutineStatus.Suspended, co.Status);
        Assert.Empty(co.Resume((LuaString)"x", (LuaString)"y"));
        var result = co.Resume(1.0, 2.0, 3.0);
        Assert.Equal(CoroutineStatus.Dead, co.Status);
        Assert.Equal("xy", result[0].ToString());
        Assert.Equal(3.0, result[1].Number);
    }

    [Fact]
    public void TenThousandCoroutinesSuspendedTwentyCallsDeep()
    {
        const int Count = 10_000;
        var parked = new List<LuaThread>();
        var state = StateWithWait(parked);
        var body = state.Load("""
            local function down(n, acc)
              if n == 0 then return acc + wait() end
              local r = down(n - 1, acc + 1)
              return r
            end
            return down(19, 0)
            """u8, "=deep");

        int threadsBefore = Process.GetCurrentProcess().Threads.Count;
        long memoryBefore = CollectedMemory();
        var coroutines = new List<LuaThread>(Count);
        for (int i = 0; i < Count; i++)
        {
            var co = state.NewThread(body);
            co.Resume();
            Assert.Equal(CoroutineStatus.Suspended, co.Status);
            coroutines.Add(co);
        }
        Assert.Equal(Count, parked.Count);
        Assert.True(Process.GetCurrentProcess().Threads.Count <= threadsBefore + 2, "coroutines must not use threads");

        double total = 0;
        foreach (var co in coroutines)
        {
            var r = co.Resume(1.0);
            Assert.Equal(CoroutineStatus.Dead, co.Status);
            total += r[0].Number;
        }
        Assert.Equal(Count * 20.0, total);
        Assert.True(Process.GetCurrentProcess().Threads.Count <= threadsBefore + 2, "coroutines must not use threads");

        coroutines.Clear();
        parked.Clear();
        long memoryAfter = CollectedMemory();
        Assert.True(memoryAfter < memoryBefore + 8 * 1024 * 1024, $"memory did not return: {memoryBefore} -> {memoryAfter}");
    }

    private static long CollectedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public void SuspendOutsideACoroutineIsAnError()
    {
        var parked = new List<LuaThread>();
        var state = StateWithWait(parked);
        var e = Assert.Throws<LuaException>(() => state.DoString("wait()", "=main"));
        Assert.Equal("main:1: attempt to yield across C-call boundary", e.Message);
    }
}
