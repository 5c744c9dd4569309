-- Calls through a `local function` never reassigned pass their arguments as parameters
-- (Emit/FunctionCompiler.DirectCalls.cs). Everything a call shows must stay as for any call.

-- Values of every kind, exact counts, and nil for missing ones inside the callee.
local function echo4(a, b, c, d) return a, b, c, d end
print(echo4(1, "two", nil, 0/0))
print(echo4(-0, 2^53, math.huge, -math.huge))
print(1/select(1, echo4(-0, 1, 2, 3)))
local t = {}
print(select("#", echo4(t, print, true, false)), echo4(t, t, t, t) == t)

-- Fewer or more arguments than parameters, and a trailing multi-value argument, take the general path.
local function three(a, b, c) return tostring(a) .. tostring(b) .. tostring(c) end
print(three(1), three(1, 2), three(1, 2, 3, 4), three(echo4(7, 8, 9)))

-- Arguments are evaluated left to right, each fixed before the next is evaluated.
local log = {}
local function note(x) log[#log + 1] = x; return x end
local function pair(a, b) return a .. b end
local x = "a"
print(pair(note(x), note(x .. "b")), table.concat(log, ","))

-- Nested direct calls in arguments.
local function add(a, b) return a + b end
print(add(add(1, 2), add(add(3, 4), 5)))

-- Recursion (fib) and mutual recursion through upvalues.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local isodd
local function iseven(n) if n == 0 then return true end return isodd(n - 1) end
function isodd(n) if n == 0 then return false end return iseven(n - 1) end
print(iseven(10), iseven(7))

-- Errors: messages, positions and tracebacks through direct calls.
local function fail(v) return v.field end
local function outer(v) local r = fail(v) return r end
print(pcall(outer, nil))
print(select(2, xpcall(outer, debug.traceback, 5)):gsub("\n[^\n]*%[C%][^\n]*", ""))
local function callsNil(a) local f = nil; return f(a) end
print(pcall(callsNil, 1))

-- debug.getinfo levels and names inside a direct call.
local function where(a)
  local i = debug.getinfo(1, "nSl")
  local c = debug.getinfo(2, "l")
  return i.name, i.namewhat, i.currentline, c.currentline, a
end
print(where("w"))

-- Coroutines yield across direct calls and resume into them with the locals intact.
local function step(a, b)
  local s = a + b
  local got = coroutine.yield(s)
  return s * got
end
local function driver(a, b)
  local r = step(a, b)
  return r + step(r, 1)
end
local co = coroutine.wrap(driver)
print(co(2, 3), co(10), co(2))

-- The local shadowed or its function replaced through debug.setupvalue: calls see the new value.
local function target(a) return "target " .. a end
local function caller(a) return target(a) end
print(caller(1))
debug.setupvalue(caller, 1, function(a) return "replaced " .. a end)
print(caller(2))
debug.setupvalue(caller, 1, setmetatable({}, {__call = function(self, a) return "callable " .. a end}))
print(caller(3))
debug.setupvalue(caller, 1, nil)
print(pcall(caller, 4))

-- Deep recursion still ends in a catchable "stack overflow".
local function deep(n) return 1 + deep(n + 1) end
local ok, err = pcall(deep, 1)
print(ok, (tostring(err):gsub("^.-:%d+: ", "")))
