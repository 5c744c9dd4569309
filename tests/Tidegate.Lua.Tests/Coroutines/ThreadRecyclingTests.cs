namespace Tidegate.Lua.Tests.Coroutines;

/// <summary>
/// LuaState.RecycleThread: a host gives back finished coroutines, and NewThread reuses them: only ones that
/// returned normally and carry no state kept elsewhere (setfenv(0), hooks), and ones Lua code held only when
/// the host asks for that.
/// </summary>
public class ThreadRecyclingTests
{
    private static LuaState NewState() => LuaJitReference.NewState(new MemoryStream());

    private static LuaThread Finished(LuaState state, string code)
    {
        var co = state.NewThread(state.Load(System.Text.Encoding.UTF8.GetBytes(code), "=recycle"));
        co.Resume();
        return co;
    }

    [Fact]
    public void AFinishedCoroutineIsReusedCleanForTheNextBody()
    {
        var state = NewState();
        var first = Finished(state, "local t = {} for i = 1, 40 do t[i] = {} end return t");
        Assert.Equal(CoroutineStatus.Dead, first.Status);
        Assert.True(state.RecycleThread(first));
        // Nothing of the finished run stays reachable from the pooled thread.
        Assert.All(first.Stack, v => Assert.True(v.IsNil));
        Assert.All(first.Frames, r => Assert.Null(r.Function));

        var second = state.NewThread(state.Load("local a, b = ... return a + b, coroutine.status(coroutine.running())"u8, "=second"));
        Assert.Same(first, second);
        Assert.Equal(CoroutineStatus.Suspended, second.Status);
        var result = second.Resume(2.0, 3.0);
        Assert.Equal(5.0, result[0].Number);
        Assert.Equal("running", result[1].ToString());
        Assert.Equal(CoroutineStatus.Dead, second.Status);
        // coroutine.running() handed it to Lua: from now on its identity matters.
        Assert.False(state.RecycleThread(second));
        Assert.NotSame(second, state.NewThread(state.Load("return 1"u8, "=third")));
    }

    [Fact]
    public void ACoroutineHeldByLuaIsReusedOnlyWhenTheHostAsks()
    {
        var state = NewState();
        var held = Finished(state, "kept = coroutine.running()");
        Assert.False(state.RecycleThread(held));
        Assert.Same(held, state.Globals["kept"].AsThread);

        // The web server's entry coroutines: reused even when held, as ngx_lua's are...
        Assert.True(state.RecycleThread(held, evenIfHeld: true));
        // ...but coroutine.create (NewThread without reuseHeld) never hands out one Lua code may hold.
        Assert.NotSame(held, state.NewThread(state.Load("return 1"u8, "=created")));
        Assert.Same(held, state.NewThread(state.Load("return 2"u8, "=entry"), reuseHeld: true));
    }

    [Fact]
    public void AFailedSuspendedOrSideStatedCoroutineIsNotReused()
    {
        var state = NewState();
        var failed = state.NewThread(state.Load("error('boom')"u8, "=failed"));
        Assert.ThrowsAny<LuaException>(() => failed.Resume());
        Assert.False(state.RecycleThread(failed)); // keeps its traceback for debug.traceback(co)

        var suspended = Finished(state, "coroutine.yield(1) return 2");
        Assert.Equal(CoroutineStatus.Suspended, suspended.Status);
        Assert.False(state.RecycleThread(suspended));

        // setfenv(0, t) gives the thread object an environment of its own: a reused one would inherit it.
        var withEnv = Finished(state, "setfenv(0, setmetatable({}, { __index = _G }))");
        Assert.Equal(CoroutineStatus.Dead, withEnv.Status);
        Assert.False(state.RecycleThread(withEnv));

        var other = NewState();
        Assert.False(other.RecycleThread(Finished(state, "return 1"))); // another state's thread
    }
}
