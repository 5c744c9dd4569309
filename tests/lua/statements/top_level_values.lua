-- Every operation here runs at a script's top level, outside loops (code that runs once, which a
-- compiler may treat differently from loop bodies), and must give what luajit gives.
-- args: one two
local nan, inf, negz = 0/0, 1/0, -0
print(nan ~= nan, inf, -inf, negz, 1/negz, 2^53, 2^53 + 1, 2^63, 1e15, 1e16, 0.1 + 0.2)
print(10 / 4, 7 % 3, -7 % 3, 7 % -3, 5.5 % 2, 2^0.5, -2^2)
print("10" + 5, "0x10" * 2, " 3 " - 1, "1e2" / 4, 10 .. 20, 1.5 .. "", -0.0 .. "")
print(1 < 2, "a" < "b", "abc" <= "abd", 2 >= 2, nan < nan, nan >= nan, "10" == 10)
print(#"hello", #{1, 2, 3}, #{n = 1}, not nil, not 0, nil and 1, false or "x")
local t = {10, 20, 30, x = 1, ["y z"] = 2, [1.5] = 3}
t.w = t[1] + t.x
t[#t + 1] = 40
print(t[1], t[4], t.w, t["y z"], t[1.5], #t)
g1 = 5
g2 = g1 * 2
print(g1, g2, rawget(_G, "g2"), type(undefinedGlobal))
local s = string
print(s.format("%5.2f|%d|%s|%q", 3.14159, 42, "x", "a\nb"), ("x"):rep(3), s.upper("abc"))
-- metatables at the top level: every metamethod called from top-level code
local mt = {}
mt.__index = function(_, k) return "idx:" .. tostring(k) end
mt.__newindex = function(tbl, k, v) rawset(tbl, k, v * 2) end
mt.__add = function(a, b) return "add" end
mt.__concat = function(a, b) return "cat" end
mt.__eq = function() return true end
mt.__lt = function() return true end
mt.__le = function() return false end
mt.__len = function() return 99 end
mt.__call = function(self, a, b) return "called", a, b end
mt.__unm = function() return "neg" end
local o, p = setmetatable({}, mt), setmetatable({}, mt)
o.k = 21
print(o.missing, o[7], rawget(o, "k"), o + 1, 1 + o, o .. "s", "s" .. o, o == p, o < p, o <= p, #o, -o)
print(o(1, 2))
-- a metatable that appears later on a table read before
local late = {}
print(late.z)
setmetatable(late, {__index = {z = "late"}})
print(late.z)
-- math.sqrt replaced at the top level
local sq = math.sqrt
math.sqrt = function(x) return "mine" .. x end
print(sq(16), math.sqrt(16))
math.sqrt = sq
-- local functions (direct entries) and methods called from the top level
local function add3(a, b, c) return a + b + (c or 0) end
local function pair(a, b) return b, a end
print(add3(1, 2), add3(1, 2, 3), pair(1, 2), (pair(1, 2)))
local obj = {n = 0}
function obj:inc(d) self.n = self.n + d return self end
print(obj:inc(2):inc(3).n)
-- locals captured later by closures, changed through them
local counter = 0
local function bump() counter = counter + 1 return counter end
bump(); bump()
print(counter, bump())
-- varargs of the main chunk
print(select("#", ...), ...)
-- a forward goto repeats nothing
local k = 1
if k == 1 then goto skip end
print("not printed")
::skip::
print("after skip")
-- a loop at the top level, then more cold code using its results
local sum = 0
for i = 1, 10 do sum = sum + i * 0.5 end
local w = 0
while w < 3 do w = w + 1 end
print(sum, w, sum / w)
print(string.format("%.17g", 0.1), tostring(1e100), tostring(-1e-7), 2^31, -2^31 - 1)
