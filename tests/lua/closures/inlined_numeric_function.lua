-- Small numeric local functions called with numeric-for counters or number literals are computed in
-- place (no call); every result must be the call's, and any other callee must still be called.
local function A(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end
local function ops(a, b) return (a % b) + (a ^ 2) - (-a) * b / 3 end
local function neg(x) return -x end
local function modp(a, b) return a % b end
local function powp(a, b) return a ^ b end
local function div(a, b) return a / b end
local function shadow(x) local x = x * 2 local y, x = x + 1, x + 100 return x * 10 + y end

local s = 0
for i = 1, 4 do
  for j = 1, 4 do s = s + A(i, j) * A(j, i) end
end
print(string.format("%.17g", s))
for i = -3, 3 do print(i, ops(i, 2), ops(2, i), neg(i), modp(i, 0), powp(i, 0.5), div(i, 0), shadow(i)) end
print(neg(0), 1 / neg(0), neg(-0), modp(5.5, -2), modp(-5.5, 2), powp(2, 1024), powp(-8, 1 / 3))
print(div(0, 0) ~= div(0, 0), modp(1, 0) ~= modp(1, 0), div(1e308, 1e-308), neg(2 ^ 53))
for k = 2 ^ 53 - 2, 2 ^ 53 + 2, 2 do print(string.format("%.17g", shadow(k))) end
for nan = 0 / 0, 0 / 0 do print("never", nan) end
for i = 1, 3 do print(neg((i)), A((1), i)) end

-- numbers in strings or other values are not known numbers: ordinary calls (coercion, errors)
for i = 1, 2 do print(A("2", i), pcall(A, {}, i)) end

-- the variable replaced through debug.setupvalue: the replacement is called
local function user(n)
  local t = 0
  for i = 1, n do t = t + A(i, 2) end
  return t
end
print(user(3))
debug.setupvalue(user, 1, function(i, j) return 1000 * i + j end)
print(user(3))
debug.setupvalue(user, 1, setmetatable({}, { __call = function(self, i, j) return -i end }))
print(user(3))
debug.setupvalue(user, 1, function() return nil end)
print(pcall(user, 2))
debug.setupvalue(user, 1, function() error("boom") end)
print(pcall(user, 2))
debug.setupvalue(user, 1, function(i) coroutine.yield(i) return i end)
local co = coroutine.wrap(function() return "sum", user(2) end)
print(co()); print(co()); print(co())

-- results used in comparisons, concatenation, table keys and as call arguments
local t = {}
for i = 1, 3 do
  t[neg(i)] = neg(i) .. "!"
  print(neg(i) < 0, neg(i) == -i, t[neg(i)], math.abs(neg(i)), select("#", neg(i)))
end
