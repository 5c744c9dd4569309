-- Number loops that read array elements and call small inlined numeric functions: a slot that is not a number,
-- or a callee variable holding another function, hands the iteration to the ordinary loop, which redoes it
-- from the values it began with. Results and messages must be those of the ordinary loop.

local function A(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local function dot(x, n)
  local a = 0
  for j = 1, n do a = a + x[j] * A(j, 2) end
  return a
end

local function sum(x, n)
  local s, c = 0, 0
  for j = 1, n do
    s = s + x[j]
    c = c + 1
  end
  return s, c
end

local u = {}
for i = 1, 100 do u[i] = i * 0.5 end
print(string.format("%.12f", dot(u, 100)))
print(sum(u, 100))

-- Holes, strings, tables, out-of-range keys, a hash-part key.
print(sum({ 1, 2, "3", 4 }, 4))
print(sum({ 1, 2, " 0x10 ", 4 }, 4))
print(pcall(sum, { 1, 2, nil, 4 }, 4))
print(pcall(sum, { 1, 2, {}, 4 }, 4))
print(pcall(sum, { 1, 2 }, 3))
print(pcall(sum, "abc", 2))
print(pcall(sum, 42, 2))
local h = {}
h[3] = 30; h[2] = 20; h[1] = 10
print(sum(h, 3))
local holes = {}
holes[1] = 1; holes[2] = 2; holes[5] = 5
print(pcall(sum, holes, 5))

-- Fractional keys: the ordinary loop's lookup (a hash key 1.5, or nil).
local frac = { 1, 2, 3 }
frac[1.5] = 100
local function halves(x, n)
  local s = 0
  for j = 1, n, 0.5 do s = s + x[j] end
  return s
end
print(halves(frac, 1.5))
print(pcall(halves, { 1, 2, 3 }, 2))

-- __index behind holes.
local lazy = setmetatable({ 1, 2, nil, 4 }, { __index = function(t, k) return k * 100 end })
print(sum(lazy, 4))
local proxy = setmetatable({}, { __index = function(t, k) return k end })
print(sum(proxy, 10))

-- Element values: NaN, -0, inf, huge integers, integer-looking floats.
local odd = { 0 / 0, -0.0, 1 / 0, 2 ^ 53, 3.0 }
local s = sum(odd, 2)
print(s ~= s)
print(1 / sum({ -0.0, -0.0 }, 2), sum({ 2 ^ 53, 1, 1 }, 3), sum({ 1.5, 1.5 }, 2))

-- Nested indexing and keys from arithmetic.
local idx = { 3, 1, 2 }
local vals = { 10, 20, 30 }
local function gather(n)
  local g = 0
  for j = 1, n do g = g + vals[idx[j]] * 2 + vals[(j % 3) + 1] end
  return g
end
print(gather(3))
idx[2] = 7
print(pcall(gather, 3))

-- Comparisons of elements, flags and break.
local function firstAbove(x, n, limit)
  local found, at = false, 0
  for j = 1, n do
    if x[j] > limit then found = true; at = j; break end
  end
  return found, at
end
print(firstAbove(u, 100, 20))
print(pcall(firstAbove, { 1, "30", 50 }, 3, 20))
print(firstAbove({ 1, 0 / 0, 50 }, 3, 20))
print(pcall(firstAbove, { 1, {}, 50 }, 3, 20))

-- The inlined function replaced through debug.setupvalue: the ordinary call from then on. (A function of its
-- own, never run long enough for luajit to compile a trace: its traces keep calling an unassigned upvalue's
-- original function after setupvalue, where its interpreter and lua5.1 call the new one.)
local function dot(x, n)
  local a = 0
  for j = 1, n do a = a + x[j] * A(j, 2) end
  return a
end
local function upvalueIndex(f, name)
  for k = 1, 20 do
    local n = debug.getupvalue(f, k)
    if n == name then return k end
    if n == nil then return nil end
  end
end
print(string.format("%.12f", dot({ 1, 2, 3 }, 3)))
local k = upvalueIndex(dot, "A")
debug.setupvalue(dot, k, function(i, j) return i * 10 + j end)
print(dot({ 1, 2, 3 }, 3))
debug.setupvalue(dot, k, function(i, j) return "x" end)
print(pcall(dot, { 1, 2, 3 }, 3))

-- A replacement that yields, inside a coroutine.
debug.setupvalue(dot, k, function(i, j) coroutine.yield(i) return i end)
local co = coroutine.wrap(function() return "sum", dot({ 1, 2, 3 }, 3) end)
print(co()) print(co()) print(co()) print(co())
