using System.Diagnostics;
using System.Text;

namespace Tidegate.Lua.Tests.Emit;

/// <summary>
/// Debug hooks (line, call, return), method-call argument numbering, LuaJIT's register limit on calls,
/// tracebacks' outermost C frame, and long left-nested chains that must compile without recursion trouble.
/// </summary>
public class HookAndLimitTests
{
    [Theory]
    // Line events: statements, loop back-edges (numeric, generic, while, repeat), elseif, function statements.
    [InlineData("local lines = {}\nlocal function hook(ev, line) lines[#lines + 1] = line end\ndebug.sethook(hook, 'l')\nlocal x = 4\nwhile x > 2 do\n  x = x - 1\nend\nrepeat\n  x = x + 1\nuntil x > 3\nfor k, v in ipairs({1, 2}) do\n  x = v\nend\nfor i = 1, 2 do\n  x = i\nend\nif x > 5 then\n  x = 0\nelseif x > 1 then\n  x = 1\nend\nlocal function f()\n  return 1\nend\ndebug.sethook()\nprint(table.concat(lines, ','))")]
    // Call and return events with the hooked function at level 2, host functions included.
    [InlineData("local ev = {}\nlocal function g(a)\n  return a\nend\ndebug.sethook(function(e) local i = debug.getinfo(2, 'n') ev[#ev + 1] = e .. ':' .. tostring(i and i.name) end, 'cr')\nlocal x = g(1)\nx = g(2)\ndebug.sethook()\nprint(table.concat(ev, ' '))")]
    // A call assigned to an existing local: the store after the call is a new line event.
    [InlineData("local lines = {}\nlocal function g(a)\n  return a\nend\ndebug.sethook(function(e, l) lines[#lines + 1] = e .. (l or '') end, 'lcr')\nlocal x = 0\nx = g(x)\ndebug.sethook()\nprint(table.concat(lines, ','))")]
    // gethook reports the mask as LuaJIT orders it.
    [InlineData("local h = function() end debug.sethook(h, 'lrc') local f, m, c = debug.gethook() debug.sethook() print(f == h, m, c) print(debug.gethook())")]
    public void HooksMatchLuaJit(string source) => LuaJitReference.AssertSame(source);

    [Theory]
    [InlineData("print(pcall(function() local r = ('x'):rep({}) return r end))")]
    [InlineData("print(pcall(function() local r = ('x').rep({}) return r end))")]
    [InlineData("print(pcall(function() local r = string.rep(nil) return r end))")]
    [InlineData("print(pcall(function() local s = 'x' local r = s:byte({}) return r end))")]
    [InlineData("print(pcall(function() local t = {f = string.rep} local r = t:f() return r end))")]
    [InlineData("print(pcall(function() local t = setmetatable({}, {__index = string}) local r = t:rep(3) return r end))")]
    public void MethodCallsCountArgumentsWithoutSelf(string source) => LuaJitReference.AssertSame(source);

    [Theory]
    // (With exactly 247 the last argument overflows, and LuaJIT names the token after the closing
    // parenthesis, which the AST does not keep: that case says ')' here.)
    [InlineData(248)]
    [InlineData(300)]
    public void TooManyCallArgumentsIsLuaJitsRegisterLimit(int count)
    {
        var args = string.Join(",", Enumerable.Range(1, count));
        LuaJitReference.AssertSame($"print(loadstring(\"return select('#', {args})\", '=args'))\nlocal f, e = loadstring(\"local a, b = 1, 2 print(a, b, {args})\", '=args2') print(f and 'ok' or e)\nlocal o = {{m = function(self, ...) return select('#', ...) end}} local g, e2 = loadstring(\"local o = ... return o:m({args})\", '=args3') print(g and g(o) or e2)");
    }

    [Fact]
    public void TracebackEndsWithTheOutermostCFrame() => LuaJitReference.AssertSame(
        "local function f() return debug.traceback('m') end\nprint((f():gsub('0x%x+', 'ADDR')))\nlocal co = coroutine.create(function() coroutine.yield() end)\ncoroutine.resume(co)\nprint(debug.traceback(co, 'lvl', 1))\nprint(debug.traceback(co, 'lvl0', 0))");

    [Fact]
    public void LongLeftNestedChainsCompile()
    {
        // 5,000-term sums and 5,000-long field chains (below the per-function size limit, see
        // FunctionCompiler.MaxFunctionILSize): no recursion failure, no type-field limit.
        var sum = "local a = 1\nlocal x = " + string.Join(" + ", Enumerable.Repeat("a", 5_000)) + "\nprint(x)";
        Assert.Equal("5000\n", LuaJitReference.Engine(sum));
        var chain = "local t = {} t.b = t\nlocal x = t" + string.Concat(Enumerable.Repeat(".b", 5_000)) + "\nprint(x == t)";
        Assert.Equal("true\n", LuaJitReference.Engine(chain));
    }

    [Fact]
    public void LeftNestedChainsOf100000CompileOnASmallStack()
    {
        // Binder and emitter walk left-nested chains in loops: a 1 MB thread stack is enough to compile them.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var state = LuaJitReference.NewState(new MemoryStream());
                var sw = Stopwatch.StartNew();
                state.Load(Encoding.UTF8.GetBytes("local a = 1\nlocal x = " + string.Join(" + ", Enumerable.Repeat("a", 100_000))), "=sum");
                state.Load(Encoding.UTF8.GetBytes("local t = {}\nlocal x = t" + string.Concat(Enumerable.Repeat(".b", 100_000))), "=chain");
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 1 << 20);
        thread.Start();
        thread.Join();
        // Functions this large are refused with a Lua error (their native frames would not fit a thread's
        // stack); what matters here is that compiling them neither recurses deeply nor takes long.
        if (failure is not null)
            Assert.Contains("function too large to compile", Assert.IsAssignableFrom<LuaException>(failure).Message);
    }

    [Fact]
    public void DeepRightNestingIsASyntaxErrorNotACrash()
    {
        LuaJitReference.AssertSame("local a = 'a'\nlocal x = " + string.Join(" .. ", Enumerable.Repeat("a", 300)) + "\nprint(#x)");
        LuaJitReference.AssertSame("local x = " + string.Concat(Enumerable.Repeat("-(", 300)) + "1" + new string(')', 300) + "\nprint(x)");
        LuaJitReference.AssertSame("local a = 2 local x = " + string.Join(" ^ ", Enumerable.Repeat("a", 300)) + "\nprint(x)");
    }

    [Fact]
    public void HookChecksAreCompiledOnlyWhereAsked()
    {
        var output = new MemoryStream();
        var state = LuaJitReference.NewState(output);
        int lines = 0;
        var hook = new Tidegate.Lua.Runtime.HostFunction("hook", call => { lines++; return 0; });
        // Compiled before any hook and not mentioning sethook: no line events.
        var plain = state.Load(Encoding.UTF8.GetBytes("local x = 1\nx = x + 1\n"), "=plain");
        state.SetHook(hook, LuaHookEvents.Line, state.MainThread);
        state.Call(plain);
        Assert.Equal(0, lines);
        // Loaded while a line hook is set: its statements fire.
        var hooked = state.Load(Encoding.UTF8.GetBytes("local x = 1\nx = x + 1\n"), "=hooked");
        state.Call(hooked);
        Assert.Equal(2, lines);
        state.SetHook(null, LuaHookEvents.None, state.MainThread);
        state.Call(hooked);
        Assert.Equal(2, lines);
    }
}

/// <summary>debug.getlocal/setlocal on functions compiled with local-variable access.</summary>
public class LocalAccessTests
{
    [Theory]
    [InlineData("local function f(a, b)\n  local c = a + b\n  for i = 1, 1 do\n    local n, v = debug.getlocal(1, 4) print(n, v)\n    print(debug.getlocal(1, 7))\n  end\n  print(debug.getlocal(1, 3))\n  debug.setlocal(1, 3, 10)\n  return c\nend\nprint(f(1, 2))")]
    [InlineData("local function g(...) local x = 1 print(debug.getlocal(1, -1)) print(debug.getlocal(1, -3)) print(debug.getlocal(1, 1)) end g('a', 'b')")]
    [InlineData("local up = 1\nlocal function h() return up end\ndebug.setlocal(1, 1, 42)\nprint(h(), up)\nprint(pcall(debug.getlocal, 40, 1))")]
    [InlineData("local co = coroutine.wrap(function(x)\n  local y = coroutine.yield(x)\n  print(debug.getlocal(1, 1), debug.getlocal(1, 2))\nend)\nco(1) co(2)")]
    public void MatchesLuaJit(string source) => LuaJitReference.AssertSame(source);

    [Fact]
    public void FunctionsCompiledWithoutLocalAccessSayWhy()
    {
        var output = new MemoryStream();
        var state = LuaJitReference.NewState(output);
        state.CompileLocalAccess = false;
        var e = Assert.Throws<LuaException>(() => state.DoString("local x = 1 local name = debug['get' .. 'local'](1, 1)", "=plain"));
        Assert.Contains("local variables of this function are not recorded", e.Message);
    }
}
