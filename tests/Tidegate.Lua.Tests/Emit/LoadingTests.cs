using System.Text;

namespace Tidegate.Lua.Tests.Emit;

/// <summary>The embedding API: Load, DoString, Call, chunk names, string.dump round trips.</summary>
public class LoadingTests
{
    [Fact]
    public void DoStringReturnsResults()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var r = state.DoString("return 1, 'two', nil");
        Assert.Equal(3, r.Length);
        Assert.Equal(1.0, r[0].Number);
        Assert.Equal("two", r[1].ToString());
        Assert.True(r[2].IsNil);
    }

    [Fact]
    public void LoadUsesTheGivenEnvironmentAndCallPassesArguments()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var env = new LuaTable();
        env["k"] = 5.0;
        var f = state.Load("local a = ... return a + k"u8, "=env", env);
        Assert.Equal(8.0, state.Call(f, 3.0)[0].Number);
    }

    [Fact]
    public void SyntaxErrorsCarryTheParsersMessage()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var e = Assert.Throws<Tidegate.Lua.Syntax.LuaSyntaxException>(() => state.Load("x = = 1"u8, "@bad.lua"));
        Assert.StartsWith("bad.lua:1:", e.Message);
    }

    [Theory]
    [InlineData("goto x")]
    [InlineData("do ::x:: end goto x")]
    [InlineData("::x:: ::x::")]
    [InlineData("goto x; local a; ::x:: print(a)")]
    [InlineData("repeat local z; goto c; local q; ::c:: until q")]
    [InlineData("goto done; local x = 1; ::done::")]
    public void GotoRulesMatchLuaJit(string chunk) =>
        LuaJitReference.AssertSame($"local f, e = loadstring({Quote(chunk)}) print(type(f), e)");

    private static string Quote(string s) => "\"" + s.Replace("\"", "\\\"") + "\"";

    [Fact]
    public void DumpedFunctionsLoadAgain()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var main = (LuaClosure)state.Load("return 40 + 2"u8, "=dumped");
        var again = state.Load(main.Dump(), "=ignored");
        Assert.Equal(42.0, state.Call(again)[0].Number);
    }

    [Fact]
    public void DumpedInnerFunctionsRunTheirBody() => LuaJitReference.AssertSame(
        "local function add(a, b)\n  return a + b\nend\nlocal f = loadstring(string.dump(add))\nprint(f(2, 3), type(string.dump(add)))\nprint(pcall(string.dump, print))");

    [Fact]
    public void DumpsSliceTheRightFunctionOfALine() => LuaJitReference.AssertSame(
        // Two functions on one line, a method with comments before its '(', and CRLF line ends: the dump
        // is the function itself, on its own lines.
        "local a, b = function(x) return x + 1 end, function(y) return y * 2 end\r\n" +
        "local o = {}\r\nfunction o:m --[[ c ]] ( k )\r\n  return self, k, error('at line 4')\r\nend\r\n" +
        "print(loadstring(string.dump(a))(1), loadstring(string.dump(b))(1))\r\n" +
        "print(pcall(loadstring(string.dump(o.m)), 1, 2))\r\n");

    [Fact]
    public void DamagedDumpsAreLuaErrors()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var good = ((LuaClosure)state.Load("local u = 1 return function(a) return u, a end"u8, "=d")).Dump();
        // Every prefix of a valid dump, and every one-byte change of its header, loads or fails with a Lua error.
        for (int n = 0; n <= good.Length; n++)
            LoadsOrFailsCleanly(state, good.AsSpan(0, n).ToArray());
        for (int i = 0; i < 8; i++)
        {
            var bad = (byte[])good.Clone();
            bad[i] ^= 0x5a;
            LoadsOrFailsCleanly(state, bad);
        }
    }

    private static void LoadsOrFailsCleanly(LuaState state, byte[] chunk)
    {
        try { state.Load(chunk, "=damaged"); }
        catch (LuaException) { }
    }

    [Fact]
    public void VeryLongExpressionsNeverOverflowTheCompilersStack()
    {
        // 50,000 left-nested additions compiled and run on a thread with .NET's default 1.5 MiB stack: a result
        // or a Lua error (functions over 1 MiB of IL are refused, so their native frames fit), never a crash.
        string source = "local x = 1 return " + string.Join("+", Enumerable.Repeat("x", 50_000));
        Exception? failure = null;
        LuaValue[]? result = null;
        var thread = new Thread(() =>
        {
            try { result = new LuaState().DoString(source); }
            catch (Exception e) { failure = e; }
        }, 1536 * 1024);
        thread.Start();
        thread.Join();
        if (failure is null) Assert.Equal(50_000.0, result![0].Number);
        else Assert.IsAssignableFrom<LuaException>(failure);
    }

    [Fact]
    public void CompiledChunksAreCollectible()
    {
        var weak = LoadAndForget();
        for (int i = 0; i < 10 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndForget()
    {
        var state = new LuaState();
        var f = state.Load(Encoding.UTF8.GetBytes("return 1"), "=gone");
        state.Call(f);
        return new WeakReference(f.GetType().Assembly);
    }
}
