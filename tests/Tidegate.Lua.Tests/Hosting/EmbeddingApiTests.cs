using System.Text;
using Tidegate.Lua.Hosting;

namespace Tidegate.Lua.Tests.Hosting;

/// <summary>
/// The embedding API: conversions, registered .NET functions (sync and suspending), running and calling,
/// and the run-time and depth limits. Lua-visible messages are the ones luajit gives its own functions
/// in the same situation (e.g. math.floor({}) → "bad argument #1 to 'floor' (number expected, got table)").
/// </summary>
public class EmbeddingApiTests
{
    [Fact]
    public async Task DocumentedExampleRunsAndMatchesTheDocument()
    {
        Assert.Equal("7 hello! fetched page", await EmbeddingExample.RunAsync());

        static string Between(string text, string start, string end)
        {
            int a = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
            int b = text.IndexOf(end, a, StringComparison.Ordinal);
            return text[a..b];
        }
        static string Normalise(string code) =>
            string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Tidegate.slnx"))) root = Path.GetDirectoryName(root)!;
        var doc = File.ReadAllText(Path.Combine(root, "docs", "embedding.md"));
        var source = File.ReadAllText(Path.Combine(root, "tests", "Tidegate.Lua.Tests", "Hosting", "EmbeddingExample.cs"));
        Assert.Equal(Normalise(Between(source, "// <example>", "// </example>")), Normalise(Between(doc, "```csharp\n", "```")));
    }

    [Fact]
    public void GlobalsConvertBothWays()
    {
        var lua = new LuaEngine();
        lua["i"] = 42;
        lua["l"] = 1L << 40;
        lua["d"] = 2.5;
        lua["s"] = "héllo";
        lua["b"] = true;
        lua["n"] = null;
        lua["list"] = new List<object?> { 1, "two", false };
        lua["map"] = new Dictionary<string, object?> { ["k"] = "v", ["n"] = 3 };
        var r = lua.Run("return type(i), i, l, d, s, #s, b, n, #list, list[2], map.k, map.n");
        Assert.Equal(new object?[] { "number", 42.0, 1099511627776.0, 2.5, "héllo", 6.0, true, null, 3.0, "two", "v", 3.0 }, r);

        lua.Run("t = {x = 1, y = 2} arr = {10, 20, 30} f = function() end");
        Assert.Equal(new Dictionary<string, double> { ["x"] = 1, ["y"] = 2 }, lua.GetGlobal<Dictionary<string, double>>("t"));
        Assert.Equal(new[] { 10, 20, 30 }, lua.GetGlobal<int[]>("arr"));
        Assert.Equal(new List<double> { 10, 20, 30 }, lua.GetGlobal<List<double>>("arr"));
        Assert.IsAssignableFrom<LuaFunction>(lua["f"]);
        Assert.IsType<LuaTable>(lua["t"]);
        Assert.Equal(42, lua.GetGlobal<int>("i"));
        Assert.Null(lua.GetGlobal<string>("nothing"));

        lua["twice"] = new Func<double, double>(x => x * 2);
        Assert.Equal(new object?[] { 8.0 }, lua.Run("return twice(4)"));
    }

    [Fact]
    public void ByteArraysKeepEveryByte()
    {
        var lua = new LuaEngine();
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        lua["bytes"] = all;
        Assert.Equal(256.0, lua.Run("return #bytes")[0]);
        lua.Run("copy = bytes .. ''");
        Assert.Equal(all, lua.GetGlobal<byte[]>("copy"));
        var raw = lua.RunRaw("return bytes");
        Assert.Equal(all, ((LuaString)raw[0].Ref!).Span.ToArray());
    }

    [Fact]
    public void RegisteredFunctionsConvertArgumentsAndReportMismatchesAsLuaDoes()
    {
        var lua = new LuaEngine();
        lua.RegisterFunction("floor", (double x) => Math.Floor(x));
        lua.RegisterFunction("join", (string a, string b, int times) => string.Concat(Enumerable.Repeat(a + b, times)));
        lua.RegisterFunction("count", (Delegate)((LuaTable t) => t.Length()));
        lua.RegisterAction("noop", () => { });
        lua.RegisterFunction("pair", (HostFunctionBody)(call => call.Return(call[0], call[0])));
        Assert.Equal(new object?[] { 2.0, "abab", 3.0, 5.0, 5.0 }, lua.Run("return floor('2.7'), join('a', 'b', 2), count({1, 2, 3}), pair(5)"));
        // luajit: math.floor({}) inside a function → "...: bad argument #1 to 'floor' (number expected, got table)"
        Assert.Equal(new object?[] { false, "c:1: bad argument #1 to 'floor' (number expected, got table)" },
            lua.Run("return pcall(function() local x = floor({}) return x end)", "=c"));
        Assert.Equal(new object?[] { false, "c:1: bad argument #1 to 'floor' (number expected, got no value)" },
            lua.Run("return pcall(function() local x = floor() return x end)", "=c"));
        Assert.Empty(lua.Run("return noop()"));
    }

    [Fact]
    public void DotNetExceptionsBecomeCatchableLuaErrors()
    {
        var lua = new LuaEngine();
        lua.RegisterFunction("fail", new Func<string, double>(m => throw new InvalidOperationException(m)));
        Assert.Equal(new object?[] { false, "c:1: nope" }, lua.Run("return pcall(function() local x = fail('nope') return x end)", "=c"));
        var e = Assert.Throws<LuaException>(() => lua.Run("fail('uncaught')", "=c"));
        Assert.Equal("c:1: uncaught", e.Value.ToString());
        // The engine is usable after an error.
        Assert.Equal(new object?[] { 2.0 }, lua.Run("return 1 + 1"));
    }

    [Fact]
    public void CallsLuaFunctionsWithConvertedArguments()
    {
        var lua = new LuaEngine();
        lua.Run("function greet(name, times) local s = '' for i = 1, times do s = s .. name end return s, times * 2 end");
        Assert.Equal(new object?[] { "abab", 4.0 }, lua.Call("greet", "ab", 2));
        var f = lua.GetGlobalValue("greet");
        Assert.Equal(new object?[] { "x", 2.0 }, lua.Call(f, "x", 1));
        var e = Assert.Throws<LuaException>(() => lua.Call("missing"));
        Assert.Equal("attempt to call a nil value", e.Value.ToString());
    }

    [Fact]
    public void InstructionLimitStopsAnEndlessLoop()
    {
        var lua = new LuaEngine { InstructionLimit = 100_000 };
        var e = Assert.Throws<LuaException>(() => lua.Run("while true do end", "=loop"));
        Assert.Contains("run time limit exceeded", e.Value.ToString());
        // The budget is per run: a short script runs afterwards.
        Assert.Equal(new object?[] { 55.0 }, lua.Run("local s = 0 for i = 1, 10 do s = s + i end return s"));
        // A budget-exhausted script cannot swallow the error forever with pcall.
        var e2 = Assert.Throws<LuaException>(() => lua.Run("while true do pcall(function() while true do end end) end"));
        Assert.Contains("run time limit exceeded", e2.Value.ToString());
    }

    [Fact]
    public void TimeLimitStopsAnEndlessLoop()
    {
        var lua = new LuaEngine { TimeLimit = TimeSpan.FromMilliseconds(200) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<LuaException>(() => lua.Run("local i = 0 while true do i = i + 1 end"));
        Assert.Contains("run time limit exceeded", e.Value.ToString());
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.1, 10);
        Assert.Equal(new object?[] { 1.0 }, lua.Run("return 1"));
    }

    [Fact]
    public void MaxCallDepthTurnsDeepRecursionIntoStackOverflow()
    {
        var lua = new LuaEngine { MaxCallDepth = 500 };
        // luajit: local function g() return 1 + g() end print(pcall(g)) → false   ...: stack overflow
        var r = lua.Run("local function g() return 1 + g() end return pcall(g)", "=c");
        Assert.Equal(false, r[0]);
        Assert.EndsWith("stack overflow", (string)r[1]!);
        Assert.Equal(new object?[] { 400.0 }, lua.Run("local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(400)"));
    }

    [Fact]
    public async Task AsyncFunctionsSuspendTheScriptWithoutBlockingAThread()
    {
        var lua = new LuaEngine();
        var gate = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lua.RegisterAsyncFunction("wait", _ => gate.Task);
        lua.RegisterAsyncFunction("fail", async _ => { await Task.Yield(); throw new IOException("connection refused"); });
        lua.RegisterAsyncFunction("now", args => Task.FromResult<object?>((double)args[0]! * 2));
        var run = lua.RunAsync("local a = wait() local b, err = fail() return a, b, err, now(21)");
        await Task.Delay(50);
        Assert.False(run.IsCompleted); // parked on the gate, no thread held
        gate.SetResult("opened");
        Assert.Equal(new object?[] { "opened", null, "connection refused", 42.0 }, await run);
    }

    [Fact]
    public async Task AsyncFunctionsOutsideRunAsyncFailClearly()
    {
        var lua = new LuaEngine();
        lua.RegisterAsyncFunction("wait", _ => Task.FromResult<object?>(1.0));
        var e = Assert.Throws<LuaException>(() => lua.Run("wait()", "=c"));
        Assert.Equal("c:1: 'wait' suspends the script and can only be called from code run by LuaEngine.RunAsync", e.Value.ToString());
        Assert.Equal(new object?[] { 1.0 }, await lua.RunAsync("return wait()"));
    }

    [Fact]
    public void OsExitIsRefusedUnlessAllowed()
    {
        var lua = new LuaEngine();
        var r = lua.Run("return pcall(os.exit, 3)");
        Assert.Equal(false, r[0]);
        Assert.Contains("os.exit is disabled by the host", (string)r[1]!);
    }

    [Fact]
    public void PrintGoesToTheConfiguredStream()
    {
        var output = new MemoryStream();
        var lua = new LuaEngine { StandardOutput = output };
        lua.Run("print('a', 1, nil)");
        Assert.Equal("a\t1\tnil\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
