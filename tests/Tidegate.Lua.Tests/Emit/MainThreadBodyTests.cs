using System.Reflection;
using System.Text;

namespace Tidegate.Lua.Tests.Emit;

/// <summary>
/// Which functions get a main-thread body (a second body without the yield machinery, Emit/FunctionCompiler.MainThreadBody.cs)
/// and that the two bodies compute the same results on the main thread and in a coroutine.
/// </summary>
public class MainThreadBodyTests
{
    // plain and call are ordinary functions; gen calls coroutine.yield and the literal passed to coroutine.wrap
    // is a coroutine's body: those two keep only the ordinary body.
    private const string Functions = """
        local function plain(a, b) return a * b + 1 end
        local function call(n) local s = 0 for i = 1, n do s = s + plain(i, 2) end return s end
        local function gen(n) for i = 1, n do coroutine.yield(i) end return n end
        local wrapped = coroutine.wrap(function(n) return call(n) end)
        return plain, call, gen, wrapped
        """;

    /// <summary>Whether the closure's type declares the main-thread entry (LuaFunction.InvokeMain's override).</summary>
    private static bool HasMainThreadBody(LuaValue function) =>
        function.Ref!.GetType().GetMethod("InvokeMain", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) is not null;

    private static LuaValue[] Load(LuaState state, string source) => state.Call(state.Load(Encoding.UTF8.GetBytes(source), "=test"));

    [Fact]
    public void OrdinaryFunctionsGetOneAndCoroutineBodiesDoNot()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var chunk = state.Load(Encoding.UTF8.GetBytes(Functions), "=test");
        Assert.True(HasMainThreadBody(chunk));
        var r = state.Call(chunk);
        Assert.True(HasMainThreadBody(r[0]));
        Assert.True(HasMainThreadBody(r[1]));
        Assert.False(HasMainThreadBody(r[2]), "a function calling coroutine.yield runs in a coroutine");
        Assert.Equal(7.0, state.Call(r[0], 2.0, 3.0)[0].Number);
        Assert.Equal(24.0, state.Call(r[1], 4.0)[0].Number);
        // The same function run by its ordinary body, inside the coroutine coroutine.wrap made.
        Assert.Equal(24.0, state.Call(r[3], 4.0)[0].Number);
    }

    [Fact]
    public void TheLiteralPassedToCoroutineWrapHasNone()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var r = Load(state, "local w = coroutine.wrap(function() end) return function() return 1 end");
        Assert.True(HasMainThreadBody(r[0]), "only the literal passed to coroutine.wrap is a coroutine's body");
        r = Load(state, "local f return coroutine.create(function() return f end), function() return f end");
        var co = (LuaThread)r[0].Ref!;
        Assert.False(HasMainThreadBody(co.Body!), "the literal passed to coroutine.create is a coroutine's body");
        Assert.True(HasMainThreadBody(r[1]));
    }

    [Fact]
    public void NoneWhenTheStateTurnsThemOff()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        state.CompileMainThreadBodies = false;
        var r = Load(state, Functions);
        Assert.False(HasMainThreadBody(r[0]));
        Assert.Equal(24.0, state.Call(r[1], 4.0)[0].Number);
    }

    [Fact]
    public void NoneInChunksThatAskForCollectionsOrCarryHookChecks()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var r = Load(state, "local function f(a) return a end local _ = collectgarbage return f");
        Assert.False(HasMainThreadBody(r[0]), "GC liveness: see LuaState.WantsMainThreadBodies");
        state.CompileHookChecks = true;
        r = Load(state, "local function f(a) return a end return f");
        Assert.False(HasMainThreadBody(r[0]), "code compiled for debug hooks keeps one body");
    }
}
