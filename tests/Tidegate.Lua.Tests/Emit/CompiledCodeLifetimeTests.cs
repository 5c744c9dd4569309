using System.Reflection;
using System.Text;
using Tidegate.Lua.Emit;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.Emit;

/// <summary>
/// Which load path gives which kind of compiled code (CompiledCodeLifetime): collectible code that is freed, or
/// permanent code the runtime tiers, and in permanent code which methods opt out of tiering.
/// </summary>
public class CompiledCodeLifetimeTests
{
    // sum has a numeric for; add has no loop; walk has a generic for; count calls
    // itself in tail position (a jump back to its body, not a loop of the source); the main chunk has a loop too.
    private const string Functions = """
        local function sum(n) local x = 0 for i = 1, n do x = x + i end return x end
        local function add(a, b) return a + b end
        local function walk(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
        local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end
        local main = 0
        for i = 1, 3 do main = main + i end
        return sum, add, walk, count
        """;

    private static bool OptimisedAtOnce(LuaValue function) =>
        function.Ref!.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Any(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0);

    private static bool Collectible(LuaValue function) => function.Ref!.GetType().Assembly.IsCollectible;

    [Fact]
    public void LoadIsCollectibleByDefaultAndNothingOptsOutOfTiering()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var chunk = state.Load(Encoding.UTF8.GetBytes(Functions), "=collectible");
        var r = state.Call(chunk);
        Assert.True(Collectible(chunk));
        Assert.False(OptimisedAtOnce(chunk));
        Assert.All(r, f => Assert.False(OptimisedAtOnce(f)));
        Assert.Equal(55.0, state.Call(r[0], 10.0)[0].Number);
    }

    [Fact]
    public void PermanentCodeIsTieredExceptItsLoopHeavyMethods()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var chunk = state.Load(Encoding.UTF8.GetBytes(Functions), "=permanent", lifetime: CompiledCodeLifetime.Permanent);
        var r = state.Call(chunk);
        Assert.False(Collectible(chunk));
        Assert.True(OptimisedAtOnce(chunk), "the main chunk runs its loops once: tier 0 + OSR would be slower");
        Assert.True(OptimisedAtOnce(r[0]), "a function with a numeric for is compiled fully optimised at once");
        Assert.False(OptimisedAtOnce(r[1]), "a loop-free function is tiered");
        Assert.True(OptimisedAtOnce(r[2]), "so is one with a generic for");
        Assert.False(OptimisedAtOnce(r[3]), "a self tail call is not a loop of the source");
        Assert.Equal(55.0, state.Call(r[0], 10.0)[0].Number);
        Assert.Equal(5.0, state.Call(r[1], 2.0, 3.0)[0].Number);
        Assert.Equal(1000.0, state.Call(r[3], 1000.0, 0.0)[0].Number);
    }

    [Fact]
    public void PermanentCodesLoopMethodsAreCompiledAheadInTheBackgroundAndStillRunCorrectly()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        int before = BackgroundPrecompiler.CompiledCount;
        var chunk = state.Load(Encoding.UTF8.GetBytes(Functions), "=ahead", lifetime: CompiledCodeLifetime.Permanent);
        // sum and walk (the loop methods other than the main chunk's) are queued when the chunk is compiled.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (BackgroundPrecompiler.CompiledCount < before + 2 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.True(BackgroundPrecompiler.CompiledCount >= before + 2, "the background thread compiled the two loop methods");
        var r = state.Call(chunk);
        Assert.Equal(55.0, state.Call(r[0], 10.0)[0].Number);
        Assert.Equal(5.0, state.Call(r[1], 2.0, 3.0)[0].Number);
    }

    [Fact]
    public void AChunkThatCollectsGarbageIsCollectibleSoItsTempsDoNotKeepObjectsAlive()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var chunk = state.Load("""
            local weak = setmetatable({}, { __mode = "v" })
            weak[1] = {}
            collectgarbage() collectgarbage()
            return weak[1]
            """u8, "=gc", lifetime: CompiledCodeLifetime.Permanent);
        Assert.True(Collectible(chunk));
        Assert.True(state.Call(chunk)[0].IsNil);
    }

    [Fact]
    public void FilesFollowFileCodeLifetimeAndLoadedStringsStayCollectible()
    {
        var directory = Directory.CreateTempSubdirectory("tier");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "tiermod.lua"), "return { f = function() return 1 end }");
            foreach (var lifetime in new[] { CompiledCodeLifetime.Collectible, CompiledCodeLifetime.Permanent })
            {
                var state = LuaJitReference.NewState(new MemoryStream());
                state.FileCodeLifetime = lifetime;
                var dir = directory.FullName.Replace("\\", "/");
                var r = state.DoString($$"""
                    package.path = "{{dir}}/?.lua"
                    local m = require "tiermod"
                    return m.f, dofile("{{dir}}/tiermod.lua").f, loadfile("{{dir}}/tiermod.lua"),
                        load("return 1"), loadstring("return 2"), load(string.dump(m.f))
                    """);
                bool permanent = lifetime == CompiledCodeLifetime.Permanent;
                Assert.Equal(!permanent, Collectible(r[0])); // require
                Assert.Equal(!permanent, Collectible(r[1])); // dofile
                Assert.Equal(!permanent, Collectible(r[2])); // loadfile
                Assert.True(Collectible(r[3]));               // load of a string
                Assert.True(Collectible(r[4]));               // loadstring
                Assert.True(Collectible(r[5]));               // a string.dump round trip
                Assert.Equal(1.0, state.Call(r[5])[0].Number);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void CodeFromLoadIsFreedWhileARequiredModulesIsKept()
    {
        var directory = Directory.CreateTempSubdirectory("tier");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "keptmod.lua"), "return { f = function() return 1 end }");
            var (loaded, required) = RequireAndLoadThenForget(directory.FullName);
            for (int i = 0; i < 10 && loaded.IsAlive; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            Assert.False(loaded.IsAlive, "code from load is freed with its last closure");
            Assert.True(required.IsAlive, "a required module's code is permanent");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Loaded, WeakReference Required) RequireAndLoadThenForget(string directory)
    {
        var state = new LuaState { FileCodeLifetime = CompiledCodeLifetime.Permanent };
        StandardLibraries.OpenAll(state, ignoreEnvironment: true);
        var r = state.DoString($$"""
            package.path = "{{directory.Replace("\\", "/")}}/?.lua"
            local m = require "keptmod"
            local f = load("return 2")
            return m.f, f, m.f() + f()
            """);
        Assert.Equal(3.0, r[2].Number);
        return (new WeakReference(r[1].Ref!.GetType().Assembly), new WeakReference(r[0].Ref!.GetType().Assembly));
    }

    [Fact]
    public void PermanentCodeKeepsItsDebugInformationErrorsAndCoroutines()
    {
        var state = LuaJitReference.NewState(new MemoryStream());
        var chunk = state.Load("""
            local function boom() error("boom") end
            local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
            local first, second = co(1), co(5)
            local ok, message = pcall(boom)
            local info = debug.getinfo(boom, "S")
            local dumped = load(string.dump(function(x) return x + 1 end))
            return first, second, message, info.linedefined, info.short_src, dumped(41), debug.traceback("tb")
            """u8, "@permanent.lua", lifetime: CompiledCodeLifetime.Permanent);
        var r = state.Call(chunk);
        Assert.False(Collectible(chunk));
        Assert.Equal(2.0, r[0].Number);
        Assert.Equal(10.0, r[1].Number);
        Assert.Equal("permanent.lua:1: boom", r[2].ToString());
        Assert.Equal(1.0, r[3].Number);
        Assert.Equal("permanent.lua", r[4].ToString());
        Assert.Equal(42.0, r[5].Number);
        Assert.Contains("permanent.lua:7: in main chunk", r[6].ToString());
    }
}
