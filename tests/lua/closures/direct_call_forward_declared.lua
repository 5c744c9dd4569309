-- `local f` followed by `function f() ... end` (the forward declaration of mutually recursive functions),
-- called directly, reassigned, replaced, in loops and coroutines: calls through such variables (a candidate
-- for the direct-call path of Emit/FunctionCompiler.DirectCalls.cs) must behave as for any variable.

-- Called before the function statement ran: nil, with LuaJIT's message.
local early
local function callEarly() return early(1) end
print(pcall(callEarly))
function early(x) return "early " .. x end
print(callEarly())

-- Mutual recursion through forward declarations, results used as operands and returned.
local isEven, isOdd
function isEven(n) if n == 0 then return true end return isOdd(n - 1) end
function isOdd(n) if n == 0 then return false end return isEven(n - 1) end
print(isEven(10), isOdd(7), isEven(7))

local decode
local function skip(s, i) while s:sub(i, i) == " " do i = i + 1 end return i end
function decode(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "[" then
    local out, n = {}, 0
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then return out, i + 1 end
    while true do
      local v
      v, i = decode(s, i)
      n = n + 1
      out[n] = v
      i = skip(s, i)
      local d = s:sub(i, i)
      if d == "]" then return out, i + 1 end
      i = i + 1
    end
  end
  local num = s:match("^%-?%d+", i)
  return tonumber(num), i + #num
end
local t = decode("[1, [2, 3], [], [[4]], -5]", 1)
print(#t, t[1], t[2][2], #t[3], t[4][1][1], t[5])

-- Two function statements, or a later assignment: an ordinary variable (each call sees the current value).
local twice
function twice() return "first" end
print(twice())
function twice() return "second" end
print(twice())
local reassigned
function reassigned(x) return x * 2 end
print(reassigned(21))
reassigned = function(x) return x + 1 end
print(reassigned(21))
reassigned = nil
print(pcall(function() return reassigned(1) end))

-- A function statement in a loop makes a new closure each time (same body), each with its own upvalue.
local make
local results = {}
for i = 1, 3 do
  function make(x) return x + i end
  results[i] = make(10)
end
print(table.concat(results, " "))

-- `local a, b` without values, the function statement targeting the second.
local a, b
function b(x) return "b" .. tostring(x) end
print(a, b(1), b(b(2)))

-- A local declared with a value (even nil) is an ordinary variable.
local withNil = nil
function withNil(x) return "withNil " .. x end
print(withNil(1))

-- Replaced through debug.setupvalue: the call sees the new value.
local target
function target(x) return "target " .. x end
local function viaTarget(x) return target(x) end
print(viaTarget(1))
debug.setupvalue(viaTarget, 1, function(x) return "replaced " .. x end)
print(viaTarget(2))
debug.setupvalue(viaTarget, 1, nil)
print(pcall(viaTarget, 3))

-- Errors and tracebacks through a forward-declared function.
local fails
function fails(v) return v.field end
local function outer(v) local r = fails(v) return r end
print(pcall(outer, nil))
print((select(2, xpcall(outer, debug.traceback, 5)):gsub("\n[^\n]*%[C%][^\n]*", "")))

-- A small numeric function declared forward, called in a numeric loop (inlining candidates).
local scale
function scale(i, j) return i * 2 + j end
local sum = 0
for i = 1, 100 do sum = sum + scale(i, 3) end
print(sum)

-- Coroutines yield through it.
local step
function step(x) local got = coroutine.yield(x) return x + got end
local co = coroutine.wrap(function(x) return step(x) * 10 end)
print(co(1), co(2))

-- Tail calls to itself with a trailing call argument.
local countdown
function countdown(n, acc) if n == 0 then return acc end return countdown(n - 1, tostring(n) .. acc) end
print(countdown(5, ""))
