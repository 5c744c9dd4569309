namespace Tidegate.Lua.Tests.Emit;

/// <summary>Proper tail calls: a million of them run in constant .NET stack.</summary>
public class TailCallTests
{
    [Theory]
    [InlineData("local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end print(loop(1000000, 0))")]
    [InlineData("local even, odd function even(n) if n == 0 then return true end return odd(n - 1) end function odd(n) if n == 0 then return false end return even(n - 1) end print(even(1000001))")]
    [InlineData("local o = {} function o:count(n) if n == 0 then return 'done' end return self:count(n - 1) end print(o:count(500000))")]
    [InlineData("local t = setmetatable({}, {__call = function(self, n) return n * 2 end}) local function f(x) return t(x) end print(f(21))")]
    [InlineData("local function f(...) return select('#', ...) end local function g(...) return f(...) end print(g(1, nil, nil))")]
    [InlineData("local function inner() return getfenv(2) end local function outer() return inner() end print(outer() == _G)")]
    public void MatchesLuaJit(string source) => LuaJitReference.AssertSame(source);
}
