namespace Tidegate.Lua.Tests.Base;

/// <summary>
/// The base library, each function with its edge cases and error messages, compared with luajit's output
/// for the same script (see <see cref="LuaJitReference"/>). Scripts print no addresses.
/// </summary>
public class BaseLibraryTests
{
    private static void Same(string script) => LuaJitReference.AssertSameOutput(script);

    /// <summary>A prelude that prints pcall's results of a call, for error-message checks.</summary>
    private const string P = "local function t(...) print(pcall(...)) end\n";

    [Fact]
    public void Assert() => Same(P + """
        t(assert, false)
        t(assert, nil, "msg")
        t(assert, false, 42)
        t(assert, 1, 2, 3)
        t(assert)
        t(assert, false, nil)
        print(pcall(function() local x = assert(false) return x end))
        print(pcall(function() local x = assert(nil, "positioned") return x end))
        print(select('#', assert(1, nil, nil)))
        """);

    [Fact]
    public void Select() => Same(P + """
        t(select, 0, 'a')
        t(select, -1, 'a', 'b')
        t(select, -2, 'a', 'b')
        t(select, -3, 'a', 'b')
        t(select, '#', 1, nil)
        t(select, '#')
        t(select, '#x', 1)
        t(select, 2, 'a', 'b', 'c')
        t(select, 'x')
        t(select, 5, 1)
        t(select, 1.5, 'a', 'b')
        t(select, '2', 'a', 'b')
        print(pcall(function() local x = select(-3, 1) return x end))
        """);

    [Fact]
    public void ToNumber() => Same(P + """
        t(tonumber, "10", 16) t(tonumber, "ff", 16) t(tonumber, "  ff  ", 16) t(tonumber, "-ff", 16)
        t(tonumber, "zz", 36) t(tonumber, "8", 8) t(tonumber, "1", 1) t(tonumber, "1", 37)
        t(tonumber, 10, 16) t(tonumber, {}, 16) t(tonumber, {}) t(tonumber) t(tonumber, nil)
        t(tonumber, "0x10") t(tonumber, "0x10", 10) t(tonumber, "0x10", 16) t(tonumber, "1e1", 10)
        t(tonumber, "", 10) t(tonumber, " ", 10) t(tonumber, "7fffffff", 16) t(tonumber, "ffffffffff", 16)
        t(tonumber, "1.5", 10) t(tonumber, true) t(tonumber, "0x", 16) t(tonumber, "1 0") t(tonumber, " 10 ")
        t(tonumber, "- 1", 10) t(tonumber, "-1", 2) t(tonumber, "1e", 10) t(tonumber, "z", 35)
        t(tonumber, "10", nil) t(tonumber, "10", "16")
        """);

    [Fact]
    public void ToStringAndType() => Same(P + """
        print(tostring(nil), tostring(true), tostring(false), tostring(1/0), tostring(-1/0), tostring(12), tostring(1.5), tostring("s"))
        print(tostring(setmetatable({}, {__tostring = function() return "T" end})))
        print(tostring(setmetatable({}, {__tostring = function() return "a", "b" end})))
        print(pcall(tostring, setmetatable({}, {__tostring = function() return 1 end})))
        print(pcall(tostring, setmetatable({}, {__tostring = "x"})))
        t(tostring)
        print(type(nil), type(1), type("x"), type({}), type(print), type(true), type(newproxy()), type(coroutine.create(print)))
        t(type)
        """);

    [Fact]
    public void Print() => Same("""
        print()
        print(nil, false, 1, "two", 3.25, -0.0)
        print(setmetatable({}, {__tostring = function() return "meta" end}))
        print(setmetatable({}, {__tostring = function() return 42 end}))
        print(pcall(print, setmetatable({}, {__tostring = function() return {} end})))
        local old = tostring
        tostring = function(v) return "X" end
        print(1, "a", nil)
        tostring = function(v) return 7 end
        print("a", "b")
        tostring = old
        print("restored", 1)
        """);

    [Fact]
    public void Unpack() => Same(P + """
        t(unpack, {1,2,3})
        t(unpack, {1,2,3}, 2)
        t(unpack, {1,2,3}, 2, 5)
        t(unpack, {1,2,3}, -1, 1)
        t(unpack, {}, 1, 1e8)
        t(unpack, nil)
        t(unpack, {1,2}, "2")
        t(unpack, {1,2}, 3, 2)
        t(unpack, {}, 2^31, 2^31+2)
        t(unpack, {}, 1, 2^31)
        t(unpack, {}, 0, 2^31-1)
        for _, n in ipairs{7990, 7997, 7998, 8000} do print(n, pcall(function() return select('#', unpack({}, 1, n)) end)) end
        print(select('#', unpack({}, 1, 0)))
        """);

    [Fact]
    public void RawFunctions() => Same(P + """
        t(rawequal, 1) t(rawequal, "a", "a") t(rawequal, {}, {}) t(rawequal, 1, "1")
        t(rawget, 1, 2) t(rawget, {}) t(rawget, {5}, 1)
        t(rawset, {}, nil, 1) t(rawset, {}, 1) t(rawset, {}, 0/0, 1)
        local mt = {__index = function() return "meta" end, __newindex = function() error("no") end}
        local o = setmetatable({}, mt)
        print(o.x, rawget(o, "x"))
        rawset(o, "x", 1) print(o.x, rawget(o, "x"))
        print(rawequal(setmetatable({}, {__eq = function() return true end}), {}))
        print(pcall(function() rawset({}, nil, 1) return 1 end))
        print(rawlen)
        """);

    [Fact]
    public void Metatables() => Same(P + """
        t(setmetatable, 1, {}) t(setmetatable, {}, 1) t(setmetatable, {})
        t(setmetatable, setmetatable({}, {__metatable = 1}), {})
        t(getmetatable, setmetatable({}, {__metatable = false}))
        t(getmetatable, setmetatable({}, {__metatable = "locked"}))
        t(getmetatable)
        local mt = {} local o = setmetatable({}, mt)
        print(getmetatable(o) == mt, setmetatable(o, nil) == o, getmetatable(o))
        print(pcall(function() local x = setmetatable(setmetatable({}, {__metatable = 1}), {}) return x end))
        """);

    [Fact]
    public void Traversal() => Same(P + """
        t(next, {}, 1) t(next, {}) t(next) t(ipairs) t(pairs) t(ipairs, "x") t(ipairs, nil) t(pairs, nil)
        local f = ipairs({})
        print(f({10, 20}, 0)) print(f({10, 20}, 1)) print(f({10, 20}, 2)) print(f({1, 2, 3}, 1.5)) print(f({1, 2}, "1"))
        t(f) t(f, {}, "a")
        print(pairs({}) == next, select(3, pairs({})))
        local n = 0 for i, v in ipairs({1, 2, nil, 4}) do n = n + i end print(n)
        local keys = 0 for k, v in pairs({a = 1, b = 2, 3}) do keys = keys + 1 end print(keys)
        local tt = {a = 1, b = 2, c = 3}
        for k in pairs(tt) do tt[k] = nil end print(next(tt))
        """);

    [Fact]
    public void NewProxy() => Same(P + """
        t(newproxy, 1) t(newproxy, {}) t(newproxy, newproxy())
        print(type(newproxy()), getmetatable(newproxy()), type(getmetatable(newproxy(true))))
        local p = newproxy(true) local q = newproxy(p)
        print(getmetatable(p) == getmetatable(q))
        getmetatable(p).__index = function(_, k) return k .. "!" end
        print(q.hello)
        print(newproxy(false) ~= nil, newproxy(nil) ~= nil)
        local log = {}
        local function make(name)
          local u = newproxy(true)
          getmetatable(u).__gc = function(x) log[#log + 1] = name .. ":" .. type(x) end
        end
        make("a")
        collectgarbage() collectgarbage()
        print(#log, log[1])
        local function bad() local u = newproxy(true) getmetatable(u).__gc = function() error("in gc") end end
        bad()
        print(pcall(collectgarbage))
        """);

    [Fact]
    public void Environments() => Same(P + """
        t(setfenv, 1, 2) t(setfenv, print, {}) t(getfenv, 100) t(setfenv, 100, {})
        t(setfenv, -1, {}) t(getfenv, -1) t(getfenv, "x") t(getfenv, {}) t(setfenv, {}, {}) t(setfenv, 1)
        print(getfenv(print) == _G, getfenv(0) == _G, getfenv() == _G, getfenv(1) == _G)
        local function f() return x end
        print(setfenv(f, {x = "from env"}) == f, f(), x)
        local getfenv = getfenv
        local function g() local env = getfenv(1) return env end
        local e = {} setfenv(g, e) print(g() == e)
        local function h() setfenv(1, {print = print, y = "set by level"}) print(y) end
        h()
        local function outer() local function inner() setfenv(2, {z = 5}) end inner() return z end
        print(outer())
        print(pcall(function() local x = setfenv(print, {}) return x end))
        local saved = getfenv(0)
        setfenv(0, setmetatable({marker = "thread env"}, {__index = _G}))
        print(loadstring("return marker")(), getfenv(0).marker, getfenv(print).marker, marker)
        setfenv(0, saved)
        print(loadstring("return marker")())
        """);

    [Fact]
    public void Load() => Same(P + """
        print(load("return 1")())
        print(load("x x"))
        print(load("x x", "=foo"))
        print(load("x x", "@foo.lua"))
        print(load("x x", "foo"))
        print(loadstring("x x"))
        print(loadstring("x x", "chunky"))
        print(loadstring("--[[\n\n]] x x", "long name long name long name long name long name long name"))
        print(loadstring("x x", "line1\nline2"))
        local parts = {"return ", "1", "+", "2"}
        local i = 0
        print(load(function() i = i + 1 return parts[i] end)())
        print(load(function() return nil end) ~= nil)
        print(pcall(function() local f, e = load(function() error("boom") end) return f, e end))
        t(load) t(loadstring)
        print(load(1))
        print(load("return x", "c", "t", {x = 5})())
        print(load("return x", "c", "b"))
        print(load("\27Lua", "c", "t"))
        print(load("return 1", "c", "x"))
        print(load("return 1", nil, nil, nil)())
        print(type(load("return 1", "c", "t", 5)))
        print(getfenv(load("return 1")) == _G)
        local e = {} print(getfenv(load("return 1", "c", "t", e)) == e)
        print(loadstring("return ...")(1, 2, 3))
        t(load, "return 1", {})
        """);

    [Fact]
    public void CollectGarbage() => Same(P + """
        print(type(collectgarbage("count")), collectgarbage("count") > 0)
        print(collectgarbage(), collectgarbage("collect"))
        print(collectgarbage("isrunning"))
        print(collectgarbage("stop"), collectgarbage("isrunning"), collectgarbage("restart"), collectgarbage("isrunning"))
        print(collectgarbage("setpause", 100), collectgarbage("setpause"), collectgarbage("setpause", 200))
        print(collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 200))
        print(collectgarbage("step"))
        t(collectgarbage, "foo")
        t(collectgarbage, "generational")
        t(collectgarbage, 1) t(collectgarbage, {}) t(collectgarbage, "count", "x") t(collectgarbage, "setpause", "x")
        print(collectgarbage(nil), collectgarbage("step", 100))
        print(type(gcinfo()))
        """);

    [Fact]
    public void GlobalsAndVersion() => Same("""
        print(_G._G == _G, _VERSION, type(_G))
        local names = {"assert", "collectgarbage", "dofile", "error", "getfenv", "getmetatable", "ipairs", "load",
          "loadfile", "loadstring", "next", "newproxy", "pairs", "pcall", "print", "rawequal", "rawget", "rawset",
          "require", "select", "setfenv", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "module", "gcinfo"}
        for _, n in ipairs(names) do io.write(n, "=", type(_G[n]), " ") end print()
        """);
}
