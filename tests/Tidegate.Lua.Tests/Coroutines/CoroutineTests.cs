using Tidegate.Lua.Tests.Emit;

namespace Tidegate.Lua.Tests.Coroutines;

/// <summary>Coroutines by unwinding: yields from any depth, through pcall, iterators and metamethods.</summary>
public class CoroutineTests
{
    [Theory]
    [InlineData("local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b) local d, e = coroutine.yield(c * 2) return d + e end) print(coroutine.resume(co, 1, 2)) print(coroutine.resume(co, 10)) print(coroutine.resume(co, 3, 4)) print(coroutine.status(co), coroutine.resume(co))")]
    [InlineData("local function deep(n) if n == 0 then return coroutine.yield('bottom') + 1 end return deep(n - 1) + 1 end local co = coroutine.wrap(function() return deep(20) end) print(co()) print(co(100))")]
    [InlineData("local co = coroutine.wrap(function() local ok, v = pcall(function() local x = coroutine.yield('in pcall') error('err ' .. x) end) print(ok, v) return pcall(coroutine.yield, 'again') end) print(co()) print(co('X')) print(co('Y'))")]
    [InlineData("local co = coroutine.wrap(function() return xpcall(function(a) return coroutine.yield(a) end, print, 'arg') end) print(co()) print(co('resumed'))")]
    [InlineData("local co = coroutine.wrap(function() for k in function(_, k) k = (k or 0) + 1 if k <= 3 then coroutine.yield(k) return k end end do io.write(k, ' ') end return 'end' end) print(co(), co(), co(), co())")]
    [InlineData("local function gen(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end end) end for i, sq in gen(3) do print(i, sq) end")]
    [InlineData("local t = setmetatable({}, {__index = function(_, k) return coroutine.yield('need ' .. k) end}) local co = coroutine.create(function() return 'value: ' .. t.color end) print(coroutine.resume(co)) print(coroutine.resume(co, 'red'))")]
    [InlineData("local t = setmetatable({}, {__newindex = function(_, k, v) coroutine.yield(k, v) end}) local co = coroutine.wrap(function() t.a = 1 return 'stored' end) print(co()) print(co())")]
    [InlineData("local mt = {__add = function(a, b) return coroutine.yield('add') end, __eq = function() return coroutine.yield('eq') end, __le = function() return coroutine.yield('le') end, __lt = function() return coroutine.yield('lt') end, __unm = function() return coroutine.yield('unm') end, __len = function() return 1 end} local a, b = setmetatable({}, mt), setmetatable({}, mt) local co = coroutine.wrap(function() return a + 1, a == b, a <= b, a < b, a > b, -a end) print(co()) print(co(1)) print(co(true)) print(co(false)) print(co(true)) print(co(nil)) print(co('neg'))")]
    [InlineData("local mt = {__concat = function(a, b) local x = type(a) == 'table' and a.v or a local y = type(b) == 'table' and b.v or b return coroutine.yield(x .. y) end} local o = setmetatable({v = 'O'}, mt) local co = coroutine.wrap(function() return 'a' .. o .. 'b' .. o end) print(co()) print(co('first')) print(co('second')) print(co('third'))")]
    [InlineData("local obj = {} function obj:m(...) return select('#', coroutine.yield(...)) end local co = coroutine.wrap(function(...) return obj:m(...) end) print(co(1, 2, 3)) print(co(nil, nil))")]
    [InlineData("local co = coroutine.wrap(function() local function t(n) if n == 0 then return coroutine.yield('tail') end return t(n - 1) end return t(1000) end) print(co(), co('back'))")]
    [InlineData("local co = coroutine.create(function() local x = nil return x.y end) print(coroutine.resume(co)) print(coroutine.resume(co)) print(coroutine.status(co))")]
    [InlineData("local co co = coroutine.create(function() return coroutine.resume(co) end) print(coroutine.resume(co)) print(pcall(coroutine.resume, 1)) print(pcall(coroutine.create, 1))")]
    [InlineData("print(coroutine.isyieldable(), coroutine.running()) print(coroutine.resume(coroutine.create(function() return coroutine.isyieldable(), type(coroutine.running()) end))) print(pcall(coroutine.yield, 1))")]
    [InlineData("print(coroutine.resume(coroutine.create(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end)))")]
    [InlineData("print(coroutine.resume(coroutine.create(function() return tostring(setmetatable({}, {__tostring = function() coroutine.yield() return 'x' end})) end)))")]
    [InlineData("local g = coroutine.wrap(function() end) g() print(pcall(g)) print(pcall(coroutine.wrap(function() error('boom') end)))")]
    [InlineData("local acc = coroutine.wrap(function() local acc = 0 local function add(x) acc = acc + x end for i = 1, 3 do add(coroutine.yield(acc)) end return acc end) print(acc(), acc(1), acc(2), acc(3))")]
    [InlineData("local a local b = coroutine.create(function() print(coroutine.status(a)) print(coroutine.resume(a)) end) a = coroutine.create(function() print(coroutine.status(a)) coroutine.resume(b) end) coroutine.resume(a) print(coroutine.status(a))")]
    public void MatchesLuaJit(string source) => LuaJitReference.AssertSame(source);
}
