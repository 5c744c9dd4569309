namespace Tidegate.Lua.Tests.Emit;

/// <summary>Runtime errors: positions, LuaJIT's wording with variable names, error levels, tracebacks.</summary>
public class ErrorTests
{
    [Theory]
    [InlineData("local x; print(pcall(function() return x + 1 end))")]
    [InlineData("print(pcall(function() local x return x + 1 end))")]
    [InlineData("print(pcall(function() return 'abc' + 1 end))")]
    [InlineData("print(pcall(function() return {} .. 'x' end))")]
    [InlineData("print(pcall(function() local a = 'x' return a .. {} end))")]
    [InlineData("print(pcall(function() local t = {} return t.a.b end))")]
    [InlineData("print(pcall(function() return cfg.x end))")]
    [InlineData("print(pcall(function() undefinedf() end))")]
    [InlineData("print(pcall(function() local t = {} t:nomethod() end))")]
    [InlineData("print(pcall(function() local t = {} t.x.y = 1 end))")]
    [InlineData("print(pcall(function() return ('x')() end))")]
    [InlineData("print(pcall(function() return 1 < 'x' end))")]
    [InlineData("print(pcall(function() return {} < {} end))")]
    [InlineData("print(pcall(function() return 1 > nil end))")]
    [InlineData("print(pcall(function() return #nil end))")]
    [InlineData("print(pcall(function() local a = {} return -a end))")]
    [InlineData("local up print(pcall(function() return up.x end))")]
    [InlineData("print(pcall(function() local t = {} t[nil] = 1 end))")]
    [InlineData("print(pcall(function() return {[nil] = 1} end))")]
    [InlineData("print(pcall(function() local t = {} t[0/0] = 1 end))")]
    [InlineData("print(pcall(function() error('msg') end))")]
    [InlineData("print(pcall(function() error('msg', 0) end))")]
    [InlineData("print(pcall(function() error('msg', 2) end))")]
    [InlineData("local function f() error('deep', 2) end local function g() f() end print(pcall(g))")]
    [InlineData("print(pcall(function() error({}) end) == false, select('#', pcall(error)))")]
    [InlineData("print(pcall(function() error(42) end)) print(pcall(error, 1.5))")]
    [InlineData("print(pcall(error)) print(pcall(pcall)) print(pcall(xpcall, print))")]
    [InlineData("print(xpcall(function(...) return ... end, print, 1, 2, 3))")]
    [InlineData("print(xpcall(function() error('e') end, function(m) return 'handled: ' .. m end))")]
    [InlineData("print(xpcall(function() error('e') end, function(m) error('again') end))")]
    [InlineData("print(pcall(setmetatable({}, {__index = function(t, k) error('idx:' .. k) end}).__index))")]
    [InlineData("local t = setmetatable({}, {__index = function(t, k) error('idx:' .. k) end}) print(pcall(function() return t.foo end))")]
    [InlineData("print(pcall(string.rep)) local t = {x = string.rep} print(pcall(function() t.x() end)) print(pcall(function() local r = string.rep r() end))")]
    [InlineData("print(pcall(function() string.rep() end))")]
    [InlineData("local x = nil\nlocal y = 2\n\nreturn x.field")]
    [InlineData("error('top level')")]
    [InlineData("error({})")]
    public void MatchesLuaJit(string source) => LuaJitReference.AssertSame(source);

    [Fact]
    public void TracebackNamesFramesAsLuaJitDoes() => LuaJitReference.AssertSame(
        "local function f()\n  local tb = debug.traceback('msg')\n  print((tb:gsub('\\n%s*%[C%]: at 0x%x+', '')))\nend\nlocal t = {}\nfunction t.g() f() end\nlocal function h() t.g() return 1 end\nh()\npcall(f)\n");

    [Fact]
    public void UnboundedRecursionIsACatchableStackOverflow() => LuaJitReference.AssertSame(
        "local function g() return 1 + g() end\nprint(pcall(g))\nprint(pcall(g))\nprint('survived')");

    [Fact]
    public void DeepNonTailRecursionRuns()
    {
        // LuaJIT itself overflows near 20000 frames here; the engine must run it (issue 2).
        string output = LuaJitReference.Engine("local function f(n) return n == 0 and 0 or 1 + f(n - 1) end print(f(100000))");
        Assert.Equal("100000\n", output);
    }

    [Fact]
    public void BudgetStopsAnEndlessLoop()
    {
        var output = new MemoryStream();
        var state = LuaJitReference.NewState(output);
        state.SetBudget(100_000);
        var e = Assert.Throws<LuaException>(() => state.DoString("local i = 0 while true do i = i + 1 end", "@loop.lua"));
        Assert.Equal("loop.lua:1: run time limit exceeded", e.Message);
        state.SetBudget(-1);
        Assert.Equal(3.0, state.DoString("return 1 + 2")[0].Number);
    }

    [Fact]
    public void CountHookRunsEveryIntervalAndBudgetStillApplies()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        int calls = 0;
        state.SetCountHook(_ => calls++, 1000);
        state.DoString("for i = 1, 100000 do end");
        Assert.InRange(calls, 95, 105);
        state.SetBudget(50_000);
        var e = Assert.Throws<LuaException>(() => state.DoString("while true do end", "=hooked"));
        Assert.Equal("hooked:1: run time limit exceeded", e.Message);
        state.SetCountHook(null, 0);
        state.SetBudget(-1);
        state.DoString("for i = 1, 1000 do end");
    }

    [Fact]
    public void MaxCallDepthChangesApplyToTheNextRun()
    {
        // The entry's fast path compares with a cached limit (LuaThread.FrameLimit): a changed MaxCallDepth
        // must reach it, lowered below a depth already reached and raised again.
        var state = LuaJitReference.NewState(new MemoryStream());
        const string Script = "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return pcall(f, 100)";
        Assert.True(state.DoString(Script, "=depth")[0].AsBoolean);
        state.MaxCallDepth = 50;
        var r = state.DoString(Script, "=depth");
        Assert.False(r[0].AsBoolean);
        Assert.Equal("depth:1: stack overflow", r[1].ToString());
        state.MaxCallDepth = 1000;
        Assert.True(state.DoString(Script, "=depth")[0].AsBoolean);
    }

    [Fact]
    public void TheDotNetStackCheckRaisesStackOverflowOnASmallThreadStack()
    {
        // With no depth limit in the way, only the .NET stack check (NativeStackGuard) stops the recursion: it
        // must raise a catchable Lua error every time, in coroutines and under a Lua error handler too, and
        // never let the process overflow its stack.
        var results = new List<string>();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var state = LuaJitReference.NewState(new MemoryStream());
                state.MaxCallDepth = int.MaxValue - 1000;
                var r = state.DoString("""
                    local function g() return 1 + g() end
                    local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
                    local out = {}
                    for i = 1, 3 do out[#out + 1] = select(2, pcall(g)) .. " " .. sum(1000) end
                    out[#out + 1] = select(2, coroutine.resume(coroutine.create(g)))
                    out[#out + 1] = select(2, xpcall(g, function(e)
                      local function d(n) if n == 0 then return 0 end return 1 + d(n - 1) end
                      return e .. " handled " .. d(5)
                    end))
                    return table.concat(out, "|")
                    """, "=small");
                results.Add(r[0].ToString());
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        Assert.Equal(
            "small:1: stack overflow 500500|small:1: stack overflow 500500|small:1: stack overflow 500500|"
            + "small:1: stack overflow|small:1: stack overflow handled 5",
            results.Single());
    }

    [Fact]
    public void MaxCallDepthIsConfigurable()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        state.MaxCallDepth = 50;
        var r = state.DoString("local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return pcall(f, 100)", "=depth");
        Assert.False(r[0].AsBoolean);
        Assert.Equal("depth:1: stack overflow", r[1].ToString());
    }

    [Fact]
    public void UncaughtErrorsCarryTheTracebackOfWhereTheyWereRaised()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var e = Assert.Throws<LuaException>(() => state.DoString("local function inner()\n  error('deep')\nend\nlocal function outer() inner() end\nouter()", "@tb.lua"));
        Assert.Equal("tb.lua:2: deep", e.Message);
        // The first line is the host function that raised the error; the last is luajit's outermost C frame,
        // "[C]: at 0x..." (a stable address per state here).
        Assert.Equal("stack traceback:\n\t[C]: in function 'error'\n\ttb.lua:2: in function 'inner'\n\ttb.lua:4: in function 'outer'\n\ttb.lua:5: in main chunk\n\t[C]: at " +
            ObjectIdentity.AddressOf(state), e.LuaStackTrace);
    }

    [Fact]
    public void DotNetExceptionsFromHostFunctionsBecomeLuaErrors()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        state.Globals["boom"] = new HostFunction("boom", _ => throw new InvalidCastException("bad cast"));
        var r = state.DoString("return pcall(boom)", "=host");
        Assert.False(r[0].AsBoolean);
        Assert.Contains("bad cast", r[1].ToString());
        var e = Assert.Throws<LuaException>(() => state.DoString("boom()", "=host"));
        Assert.Contains("bad cast", e.Message);
    }
}
