using System.Text;
using Tidegate.Lua.Library;
using static Tidegate.Lua.Tests.Library.BitOsIoDebugHarness;

namespace Tidegate.Lua.Tests.Library;

// Every expectation below was printed by luajit (OpenResty's LuaJIT 2.1).
public class DebugLibraryTests
{
    private readonly BitOsIoDebugHarness _h = new();

    /// <summary>Runs a script with the standard libraries and returns what it printed.</summary>
    private static string Run(string source, string chunkName = "@d.lua")
    {
        var state = new LuaState();
        var output = new MemoryStream();
        state.StandardOutput = output;
        StandardLibraries.OpenAll(state);
        var f = state.Load(Encoding.UTF8.GetBytes(source), chunkName);
        state.Call(f);
        state.StandardOutput.Flush();
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void MetatablesOfAnyType()
    {
        Assert.True(_h.Call1("debug.getmetatable", 1).IsNil);
        var mt = new LuaTable();
        Assert.True(_h.Call1("debug.setmetatable", 1, mt).AsBoolean);
        Assert.Same(mt, _h.State.NumberMetatable);
        Assert.Same(mt, _h.Call1("debug.getmetatable", 2).Ref);
        _h.Call("debug.setmetatable", 1, LuaValue.Nil);
        Assert.Null(_h.State.NumberMetatable);
        _h.Call("debug.setmetatable", LuaValue.Nil, mt);
        Assert.Same(mt, _h.State.NilMetatable);
        var t = new LuaTable();
        var protectedMt = new LuaTable();
        protectedMt["__metatable"] = S("locked");
        t.Metatable = protectedMt;
        // Raw access: __metatable does not hide or protect anything here.
        Assert.Same(protectedMt, _h.Call1("debug.getmetatable", t).Ref);
        Assert.Equal("bad argument #2 to '?' (nil or table expected)", _h.Error("debug.setmetatable", 1, 5));
        Assert.Same(_h.State.Registry, _h.Call1("debug.getregistry").Ref);
    }

    [Fact]
    public void Environments()
    {
        var u = new LuaUserdata();
        var env = new LuaTable();
        Assert.Same(u, _h.Call1("debug.setfenv", u, env).Ref);
        Assert.Same(env, _h.Call1("debug.getfenv", u).Ref);
        Assert.True(_h.Call1("debug.getfenv", 1).IsNil);
        Assert.Equal("'setfenv' cannot change environment of given object", _h.Error("debug.setfenv", 1, env));
        Assert.Equal("bad argument #2 to '?' (table expected, got number)", _h.Error("debug.setfenv", u, 1));
    }

    [Fact]
    public void GethookReportsWhatSethookSet()
    {
        var r = _h.Call("debug.gethook");
        Assert.Equal(3, r.Length);
        Assert.True(r[0].IsNil);
        Assert.Equal("", Str(r[1]));
        Assert.Equal(0, r[2].Number);
        Assert.Empty(_h.Call("debug.sethook"));
        Assert.Equal("bad argument #2 to '?' (string expected, got no value)", _h.Error("debug.sethook", _h.Lookup("debug.gethook")));
        Assert.Equal("bad argument #1 to '?' (function expected, got number)", _h.Error("debug.sethook", 1, S("")));
        // A hook with nothing to fire on is accepted, and gethook reports its function, as in LuaJIT.
        Assert.Empty(_h.Call("debug.sethook", _h.Lookup("debug.gethook"), S(""), 0));
        Assert.Same(_h.Lookup("debug.gethook").Ref, _h.Call1("debug.gethook").Ref);
        _h.Call("debug.sethook");
        Assert.True(_h.Call1("debug.gethook").IsNil);
    }

    [Fact]
    public void GetInfoReadsASuspendedCoroutinesFrames()
    {
        string script = """
            local co = coroutine.create(function(a) local x = coroutine.yield() end) coroutine.resume(co)
            local i = debug.getinfo(co, 1, "Sln") print(i.what, i.currentline, i.name, i.namewhat, i.short_src)
            local i = debug.getinfo(co, 0, "Sln") print(i.what, i.currentline, i.name, i.namewhat)
            print(debug.getinfo(co, 2), pcall(debug.getinfo, co))
            """;
        Assert.Equal("Lua\t1\tnil\t\td.lua\nC\t-1\tyield\tfield\nnil\tfalse\tbad argument #2 to '?' (function or level expected)\n", Run(script));
    }

    [Fact]
    public void CountHookFiresRegularlyWithTheCountEvent()
    {
        // luajit (with jit.off) prints: 50005000  true  count  function  ""  100, then nil  ""  0.
        string script = """
            local n, ev = 0, nil
            local function hook(e) n = n + 1 ev = e end
            debug.sethook(hook, "", 100)
            local f, mask, count = debug.gethook()
            local s = 0 for i = 1, 10000 do s = s + i end
            debug.sethook()
            print(s, n > 10, ev, f == hook, mask, count)
            print(debug.gethook())
            """;
        Assert.Equal("50005000\ttrue\tcount\ttrue\t\t100\nnil\t\t0\n", Run(script));
    }

    [Fact]
    public void ErrorInCountHookPropagatesAndTheHookDoesNotRecurse()
    {
        string script = """
            local depth, deepest = 0, 0
            debug.sethook(function()
              depth = depth + 1 deepest = math.max(deepest, depth)
              for i = 1, 50 do end
              depth = depth - 1
              error("stop")
            end, "", 10)
            local ok, e = pcall(function() while true do end end)
            debug.sethook()
            print(ok, e, deepest)
            """;
        Assert.Equal("false\td.lua:6: stop\t1\n", Run(script));
    }

    [Fact]
    public void DebugPromptRunsCommandsUntilCont()
    {
        var state = new LuaState();
        var output = new MemoryStream();
        var errors = new MemoryStream();
        state.StandardOutput = output;
        state.StandardError = errors;
        state.StandardInput = new MemoryStream(Encoding.UTF8.GetBytes("x = 41 + 1\nerror('boom')\ncont\nx = 0\n"));
        StandardLibraries.OpenAll(state);
        state.DoString("debug.debug()");
        Assert.Equal(42, state.Globals["x"].Number);
        Assert.Equal("lua_debug> lua_debug> (debug command):1: boom\nlua_debug> ", Encoding.UTF8.GetString(errors.ToArray()));
    }

    [Fact]
    public void GetInfoFields()
    {
        string script = """
            local function f(a, b) local c = 3; local r = debug.getinfo(1, "nSlu") return r end
            local i = f()
            for _, k in ipairs{"source","short_src","what","currentline","linedefined","lastlinedefined","name","namewhat","nups"} do io.write(k, "=", tostring(i[k]), " ") end print()
            local m = debug.getinfo(1)
            for _, k in ipairs{"source","short_src","what","currentline","linedefined","lastlinedefined","name","namewhat","nups"} do io.write(k, "=", tostring(m[k]), " ") end print()
            local p = debug.getinfo(print)
            for _, k in ipairs{"source","short_src","what","currentline","linedefined","lastlinedefined","name","namewhat"} do io.write(k, "=", tostring(p[k]), " ") end print()
            print(debug.getinfo(100), pcall(debug.getinfo, 1, ">"), pcall(debug.getinfo, "x"), pcall(debug.getinfo, {}))
            local function outer()
              local function inner() return debug.getinfo(2, "nl"), debug.getinfo(1, "n") end
              local a, b = inner()
              print(a.name, a.namewhat, a.currentline, b.name, b.namewhat)
            end
            outer()
            print(debug.getinfo(0, "n").name, debug.getinfo(0, "S").what)
            """;
        Assert.Equal("""
            source=@d.lua short_src=d.lua what=Lua currentline=1 linedefined=1 lastlinedefined=1 name=f namewhat=local nups=0 
            source=@d.lua short_src=d.lua what=main currentline=4 linedefined=0 lastlinedefined=15 name=nil namewhat= nups=0 
            source==[C] short_src=[C] what=C currentline=-1 linedefined=-1 lastlinedefined=-1 name=nil namewhat= 
            nil	false	false	false	bad argument #1 to '?' (function or level expected)
            outer	local	11	inner	local
            getinfo	C

            """.Replace("\r\n", "\n"), Run(script));
    }

    [Fact]
    public void CallNamesAndTheirKinds()
    {
        string script = """
            local obj = {} function obj:m() local i = debug.getinfo(1, "n") return i end
            local d = obj:m() print(d.name, d.namewhat)
            function globalfn() local i = debug.getinfo(1, "n") return i end
            local c = globalfn() print(c.name, c.namewhat)
            local function lf() local i = debug.getinfo(1, "n") print(i.name, i.namewhat) end
            local function uf() lf() end uf()
            """;
        Assert.Equal("m\tmethod\nglobalfn\tglobal\nlf\tupvalue\n", Run(script));
    }

    [Fact]
    public void GetLocalChecksLevels()
    {
        // Expectations printed by luajit: a level past the stack is an error; level 1 here is pcall, a C
        // function, which has no locals.
        Assert.Equal("false\tbad argument #1 to '?' (level out of range)\n", Run("print(pcall(debug.getlocal, 50, 1))"));
        Assert.Equal("true\tnil\n", Run("print(pcall(debug.getlocal, 1, 1))"));
    }

    [Fact]
    public void UpvaluesAndEnvironmentsFromLua()
    {
        string script = """
            local up1, up2 = 1, 2
            local function g() return up1 + up2 end
            print(debug.getupvalue(g, 1), debug.getupvalue(g, 2), debug.getupvalue(g, 3), debug.setupvalue(g, 1, 10), g(), debug.setupvalue(g, 5, 1))
            print(debug.getfenv(g) == _G, debug.getfenv(1), pcall(debug.setfenv, g, 1))
            print(debug.setfenv(g, {}) == g, pcall(debug.setfenv, 1, {}))
            print(debug.upvalueid(g, 1) == debug.upvalueid(g, 1), debug.upvalueid(g, 1) == debug.upvalueid(g, 2), pcall(debug.upvalueid, g, 3))
            print(debug.setmetatable(1, {__index=function(_, k) return k end}), (5).foo, debug.setmetatable(1, nil))
            """;
        Assert.Equal("""
            up1	up2	nil	up1	12
            true	nil	false	bad argument #2 to '?' (table expected, got number)
            true	false	'setfenv' cannot change environment of given object
            true	false	false	bad argument #2 to '?' (index out of range)
            true	foo	true

            """.Replace("\r\n", "\n"), Run(script));
    }

    [Fact]
    public void Tracebacks()
    {
        string script = """
            print(type(debug.traceback({})), debug.traceback(nil), type(debug.traceback(12)))
            print(pcall(debug.traceback, "m", "x"))
            local function lvl2() print(debug.traceback("deep", 1)) print(debug.traceback("deep2", 2)) end
            local function lvl1() lvl2() end
            lvl1()
            print(debug.traceback("zero", 0))
            """;
        // Each traceback ends with the host's C frame ("[C]: at 0x..."), whose address is normalized.
        Assert.Equal("""
            table	nil	string
            false	bad argument #2 to '?' (number expected, got string)
            deep
            stack traceback:
            	d.lua:3: in function 'lvl2'
            	d.lua:4: in function 'lvl1'
            	d.lua:5: in main chunk
            	[C]: at ADDR
            deep2
            stack traceback:
            	d.lua:4: in function 'lvl1'
            	d.lua:5: in main chunk
            	[C]: at ADDR
            zero
            stack traceback:
            	[C]: in function 'traceback'
            	d.lua:6: in main chunk
            	[C]: at ADDR

            """.Replace("\r\n", "\n"), System.Text.RegularExpressions.Regex.Replace(Run(script), "0x[0-9a-f]+", "ADDR"));
    }
}
