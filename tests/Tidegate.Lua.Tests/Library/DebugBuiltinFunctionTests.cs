using System.Text;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.Library;

// How the debug library sees library functions: host functions' upvalues (print, pairs, ipairs) and
// the Lua-written builtins (table.foreach, table.foreachi). Every expectation was printed by luajit.
public class DebugBuiltinFunctionTests
{
    private static string Run(string source, string chunkName = "@b.lua")
    {
        var state = new LuaState();
        var output = new MemoryStream();
        state.StandardOutput = output;
        StandardLibraries.OpenAll(state);
        state.Call(state.Load(Encoding.UTF8.GetBytes(source), chunkName));
        state.StandardOutput.Flush();
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void PrintLooksUpTheGlobalNamedByItsUpvalue()
    {
        string script = """
            print(debug.getupvalue(print, 1), debug.getinfo(print, "u").nups, debug.getinfo(pairs, "u").nups, debug.getinfo(ipairs, "u").nups)
            mytostring = function(v) return "<" .. type(v) .. ">" end
            print(debug.setupvalue(print, 1, "mytostring"))
            print(1, "a")
            debug.setupvalue(print, 1, "tostring")
            print(1, "a")
            local i = debug.getinfo(print, "u") print(i.nups, i.nparams, i.isvararg)
            local i = debug.getinfo(function(a, b, ...) end, "u") print(i.nups, i.nparams, i.isvararg)
            """;
        Assert.Equal("\t1\t1\t1\n<string>\n<number>\t<string>\n1\ta\n1\t0\ttrue\n0\t2\ttrue\n", Run(script));
    }

    [Fact]
    public void PairsAndIpairsReturnTheIteratorInTheirUpvalue()
    {
        string script = """
            print(select(2, debug.getupvalue(pairs, 1)) == next, select(2, debug.getupvalue(ipairs, 1)) == ipairs({}))
            local function mine() return nil end
            debug.setupvalue(pairs, 1, mine)
            print(pairs({}) == mine)
            """;
        Assert.Equal("true\ttrue\ntrue\n", Run(script));
    }

    [Fact]
    public void NumberMetatableTurnsOffPrintsShortcut()
    {
        Assert.Equal("N\tx\n", Run("debug.setmetatable(0, {__tostring = function() return 'N' end}) print(1, 'x')"));
    }

    [Fact]
    public void ForeachCallbacksMayYield()
    {
        string script = """
            local co = coroutine.wrap(function()
              local r = table.foreachi({10, 20, 30}, function(i, v) local got = coroutine.yield(v) if got == "stop" then return i end end)
              print("foreachi returned", r)
              table.foreach({k = 1}, function(k, v) print(k, v, coroutine.yield("in foreach")) end)
              return "done"
            end)
            print(co()) print(co("go")) print(co("stop")) print(co("resumed"))
            """;
        Assert.Equal("10\n20\nforeachi returned\t2\nin foreach\nk\t1\tresumed\ndone\n", Run(script));
    }

    [Fact]
    public void ForeachArgumentErrorsAndDebugInfoReadAsLuaJits()
    {
        string script = """
            print(pcall(function() table.foreachi(nil, print) end))
            print(pcall(table.foreach, {}, 1))
            print(pcall(function() local t = {} t.fe = table.foreach t:fe(7) end))
            print(pcall(function() local t = {} t.fe = table.foreach t.fe(t, 7) end))
            local ok, e = pcall(table.foreachi, {1}, function() error("up", 2) end) print(ok, e)
            local i = debug.getinfo(table.foreachi, "S") print(i.what, i.source, i.short_src, i.linedefined, i.lastlinedefined)
            print(table.foreach(setmetatable({x = 1}, {__pairs = function() error("not used") end}), function(k, v) return k, v end))
            """;
        Assert.Equal("""
            false	b.lua:1: bad argument #1 to 'foreachi' (table expected, got nil)
            false	bad argument #2 to '?' (function expected, got number)
            false	b.lua:3: bad argument #1 to 'fe' (function expected, got number)
            false	b.lua:4: bad argument #2 to 'fe' (function expected, got number)
            false	[builtin:foreachi]:0: up
            Lua	foreachi	[builtin:foreachi]	-1	-1
            x

            """.Replace("\r\n", "\n"), Run(script));
    }

    [Fact]
    public void ForeachCompilesOncePerState()
    {
        var state = new LuaState();
        StandardLibraries.OpenAll(state);
        var foreachi = (LuaWrittenBuiltin)((LuaTable)state.Globals["table"].Ref!)["foreachi"].Ref!;
        Assert.Equal("foreachi", foreachi.Name);
        state.DoString("table.foreachi({1}, function() end)");
        Assert.Same(foreachi.Compiled, foreachi.Compiled);
    }
}
