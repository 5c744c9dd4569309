namespace Tidegate.Lua.Tests.Emit;

/// <summary>The language compiled end to end, each case checked against luajit.</summary>
public class LanguageTests
{
    [Theory]
    [InlineData("local x = 1 + 2 * 3 - 4 / 2 print(x, 7 % 3, -7 % 3, 2 ^ 10, 5 // 1 == nil)")]
    [InlineData("print(1 == 1, 1 ~= 2, 'a' < 'b', 2 >= 3, not nil, not 0, nil and 1, false or 'x', 1 and 2)")]
    [InlineData("local a, b, c = 1 print(a, b, c) local d, e = (function() return 1, 2, 3 end)() print(d, e)")]
    [InlineData("local a, b = 1, 2 a, b = b, a print(a, b) local t = {} t.x, t.x = 1, 2 print(t.x) local q, q = 1, 2 print(q)")]
    [InlineData("local t = {1, 2, 3, x = 'y', [10] = 'ten', (function() return 4, 5 end)()} print(#t, t.x, t[10], t[4], t[5])")]
    [InlineData("local function f(...) return {...}, select('#', ...) end local t, n = f(1, nil, 3, nil) print(n, t[1], t[3])")]
    [InlineData("local function f(...) local a, b = ... return a, b, ... end print(f(1, 2, 3)) print((f(1, 2, 3)))")]
    [InlineData("local s = 0 for i = 1, 10 do s = s + i end for i = 10, 1, -3 do s = s + i end for i = 1, 0 do s = 1000 end print(s)")]
    [InlineData("for i = 1, 2, 0.5 do io.write(i, ' ') end for i = '1', '3' do io.write(i, ' ') end print()")]
    [InlineData("print(pcall(function() for i = 'x', 2 do end end)) print(pcall(function() for i = 1, {} do end end)) print(pcall(function() for i = 1, 2, nil do end end))")]
    [InlineData("local n = 0 for i = 1, 2, 0 do n = n + 1 if n == 3 then break end end print(n)")]
    [InlineData("local t = {} for i = 1, 3 do t[i] = function() return i end end print(t[1](), t[2](), t[3]())")]
    [InlineData("local fs = {} local i = 1 while i <= 3 do local j = i fs[i] = function() j = j + 10 return j end i = i + 1 end print(fs[1](), fs[1](), fs[2]())")]
    [InlineData("local function mk() local c = 0 return function() c = c + 1 return c end, function() return c end end local inc, get = mk() inc() inc() print(get())")]
    [InlineData("local r = 0 repeat local z = r r = r + 1 until z >= 3 print(r)")]
    [InlineData("for i = 1, 3 do for j = 1, 3 do if j == 2 then goto continue end io.write(i, j, ' ') ::continue:: end end print()")]
    [InlineData("local i = 1 ::top:: if i < 4 then io.write(i) i = i + 1 goto top end print()")]
    [InlineData("local t = {} function t.a(x) return x * 2 end function t:b(x) return self.a(x) + 1 end print(t.a(2), t:b(3))")]
    [InlineData("local o = {v = 1} local calls = 0 local function get() calls = calls + 1 return o end get():m2() ")]
    [InlineData("print(('x'):rep(3), #'abc', 'a' .. 1 .. 2.5 .. 'b')")]
    [InlineData("local t = setmetatable({}, {__index = function(t, k) return k .. '!' end, __call = function(self, a) return a + 1 end}) print(t.foo, t(41))")]
    [InlineData("local mt = {__add = function(a, b) return 'add' end, __lt = function() return true end, __le = function() return false end, __concat = function(a, b) return 'cat' end, __unm = function() return 'neg' end, __eq = function() return true end} local a, b = setmetatable({}, mt), setmetatable({}, mt) print(a + 1, 1 + a, a < b, a <= b, a .. 'x', 'x' .. a .. 'y', -a, a == b, a ~= b)")]
    [InlineData("for k, v in pairs({10, 20, 30}) do io.write(k, '=', v, ' ') end for i, v in ipairs({'a', 'b', nil, 'd'}) do io.write(i, v) end print()")]
    [InlineData("local function iter(s, c) if c < s then return c + 1, c * c end end for i, sq in iter, 3, 0 do io.write(i, ':', sq, ' ') end print()")]
    [InlineData("local x = 10 do local x = 20 print(x) end print(x) local function shadow(x) local x = x + 1 return x end print(shadow(1))")]
    [InlineData("print(select('#', nil, nil), select(2, 'a', 'b', 'c'), select(-1, 'a', 'b'))")]
    [InlineData("local t = {} t[1.5] = 'f' t[-1] = 'n' t['1'] = 's' t[1] = 'i' print(t[1.5], t[-1], t['1'], t[1], t[1.0])")]
    [InlineData("local a = {} local b = a print(a == b, {} == {}, 'a' == 'a', 1 == 1.0, '1' == 1)")]
    [InlineData("print(2^53 + 1, 1e300 * 1e10, -(0/0) ~= -(0/0), 10 / 0, -10 / 0, 3 % -2, -3 % 2, 5.5 % 2)")]
    public void MatchesLuaJit(string source) => LuaJitReference.AssertSame(source);

    [Fact]
    public void SetfenvChangesGlobalsSeenByAFunction() => LuaJitReference.AssertSame(
        "x = 'global' local function f() return x end local env = {x = 'env'} setfenv(f, env) print(f(), x, getfenv(f) == env)");

    [Fact]
    public void LongFunctionsWithManyLocalsAndTemps()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 150; i++) sb.Append($"local v{i} = {i} * 2 + (v{Math.Max(0, i - 1)} or 0)\n".Replace($"(v{i} or 0)", "0"));
        sb.Append("print(v149, v0)");
        LuaJitReference.AssertSame(sb.ToString());
    }
}
