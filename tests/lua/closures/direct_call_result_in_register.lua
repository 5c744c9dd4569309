-- A direct entry returns its first result as its value and its status on the side
-- (Emit/FunctionCompiler.DirectCalls.cs); every way of returning and every way of using a result must agree
-- with the stack protocol.

local function two() return 1, 2 end
local function none() end

-- One callee, every kind of exit.
local function exits(k)
  if k == 0 then return end
  if k == 1 then return "one" end
  if k == 2 then return "a", "b" end
  if k == 3 then return two() end            -- tail call to a Lua function: two results
  if k == 4 then return none() end           -- tail call: no result
  if k == 5 then return tostring(k) end      -- tail call to a host function
  if k == 6 then return select(2, "x", "y", "z") end
  if k == 7 then return (two()) end          -- truncated to one
  if k == 8 then return 0/0 end
  if k == 9 then return -0 end
  if k == 10 then return nil end
  if k == 11 then return false end
  if k == 12 then return 2^53 + 1, -math.huge end
end

for k = 0, 13 do
  -- single-value contexts: operand, local, table field, condition
  local single = exits(k)
  local t = {exits(k)}
  local s = tostring((exits(k))) .. "|" .. select("#", exits(k))
  local cond = exits(k) and "truthy" or "falsy"
  -- multi-value contexts: argument list, table constructor, return through a wrapper
  print(k, single, #t, s, cond, exits(k))
  print(k, select("#", exits(k)), (exits(k)))
end
print(1 / exits(9), exits(8) ~= exits(8))

-- The result of one direct call kept while another runs (fib's shape), and as arguments of another.
local function id(x) return x end
local function add(a, b) return a + b end
print(id(1) + id(2), add(id(3), id(4)), add(id("5"), id(6)), id(id(id("deep"))))

-- Statement calls discard, and the next call's result is not confused with an earlier one.
exits(1)
exits(2)
print(exits(0), exits(1), (exits(2)))

-- Called generically: pcall, a sort comparator, coroutine.wrap, a metamethod, string.gsub's function.
print(pcall(exits, 1), pcall(exits, 2), pcall(exits, 0))
local nums = {5, 3, 9, 1, 7}
local function less(a, b) return a < b end
table.sort(nums, less)
print(table.concat(nums, " "))
local function gen(a) coroutine.yield(a) return a * 2 end
local co = coroutine.wrap(gen)
print(co(21), co())
local function index(t, k) return k .. "!" end
print(setmetatable({}, {__index = index}).hello)
local function upper(c) return c:upper() end
print(("abc"):gsub("%w", upper))

-- A yield inside a direct call used as an operand: the result comes back through the resumed frame.
local function yielder(a)
  local got = coroutine.yield(a)
  return got
end
local function sum(a)
  return yielder(a) + yielder(a + 1)
end
local co2 = coroutine.wrap(sum)
print(co2(1), co2(10), co2(20))

-- An error inside: nothing of a half-returned value survives.
local function maybe(x) if x then error("boom " .. x, 0) end return "fine" end
local function use(x) local r = maybe(x) return r .. "!" end
print(pcall(use, nil), pcall(use, "now"))

-- return f(a, g(x)) to the function itself: the parameters take g's first result only (or nil).
local function count(n, acc)
  if n == 0 then return acc end
  return count(n - 1, id(acc + n))
end
print(count(100, 0))
local function tailnone(n, v)
  if n == 0 then return v end
  return tailnone(n - 1, none())
end
print(tailnone(3, "x"))
local function tailtwo(n, v)
  if n == 0 then return v end
  return tailtwo(n - 1, two())
end
print(tailtwo(3, "x"))

-- The same call when the local was replaced (debug.setupvalue; the cell is shared, so the original is kept in
-- another local): the new callee sees every result of the trailing call.
local function counter(...) return select("#", ...), ... end
local function relay(n, v)
  if n == 0 then return v end
  return relay(n - 1, two())
end
local relayOriginal = relay
debug.setupvalue(relay, 1, counter)
print(relayOriginal(1, "x"), relayOriginal(0, "y"))
local function relay1(n, v)
  if n == 0 then return v end
  return relay1(n - 1, id(n))
end
local relay1Original = relay1
debug.setupvalue(relay1, 1, counter)
print(relay1Original(5, "x"))
local function relay0(n, v)
  if n == 0 then return v end
  return relay0(n - 1, none())
end
local relay0Original = relay0
debug.setupvalue(relay0, 1, counter)
print(relay0Original(5, "x"))

-- Deep recursion through results in registers still ends in a catchable stack overflow.
local function deep(n) return deep(n + 1) + 1 end
local ok, err = pcall(deep, 1)
print(ok, (tostring(err):gsub("^.-:%d+: ", "")))
