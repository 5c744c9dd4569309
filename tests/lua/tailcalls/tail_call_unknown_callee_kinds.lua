-- return f(...) where f is only known at run time: a Lua closure, a host function, a table with __call
-- (whose handler is Lua or host), a method through __index, nil and a number (errors), and yields across each.
local function lua(a, b) return "lua", a, b end
local callableLua = setmetatable({}, { __call = function(self, a) return "call", a end })
local callableHost = setmetatable({}, { __call = print == nil and nil or rawequal })
local callees = { lua, string.upper, callableLua, select, callableHost }

local function via(f, ...) return f(...) end
print(via(callees[1], 1, 2))
print(via(callees[2], "abc"))
print(via(callees[3], 7))
print(via(callees[4], "#", 1, 2, 3))
print(via(callees[5], callableHost, callableHost))
for i = 1, #callees do print(i, pcall(via, callees[i], "x", "y")) end

-- errors name the callee as LuaJIT does
local function tailNil() local f; return f(1) end
print(pcall(tailNil))
local function tailNumber() local f = 42; return f(1) end
print(pcall(tailNumber))
local obj = {}
local function tailMissingMethod() return obj:nothing(1) end
print(pcall(tailMissingMethod))
local function tailNilField() return obj.field(1) end
print(pcall(tailNilField))

-- a method tail call through __index, the class replaced between calls, the object shadowing the class
local Class = {}; Class.__index = Class
function Class:who(x) return "class", x end
local o = setmetatable({}, Class)
local function callWho(x) return o:who(x) end
print(callWho(1))
function Class:who(x) return "replaced", x end
print(callWho(2))
o.who = function(self, x) return "own", x end
print(callWho(3))
o.who = nil
setmetatable(o, { __index = function(t, k) return function(self, x) return "indexfn " .. k, x end end })
print(callWho(4))
o.who = string.rep
print(pcall(callWho, 3))

-- the host function's frame sees the caller's caller: error levels and tracebacks
local function tailError() return error("boom", 2) end
local function outer() local r = tailError(); return r end
print(pcall(outer))
local function tailTraceback() return debug.traceback("tb", 1) end
print((tailTraceback():gsub("\n[^\n]*%[C%][^\n]*", "")))

-- yields across tail calls of every kind
local co = coroutine.wrap(function(...)
  local function y(...) return coroutine.yield(...) end
  local function viaLua(...) return y(...) end
  local a = viaLua(1, 2)
  local b = via(coroutine.yield, "host", a)
  local c = via(setmetatable({}, { __call = function(_, v) return coroutine.yield("call", v) end }), b)
  return "done", a, b, c
end)
print(co("start"))
print(co("a"))
print(co("b"))
print(co("c"))

-- a long chain of unknown-callee tail calls stays in constant stack
local step
local fns = {}
fns[1] = function(n) if n == 0 then return "bottom" end return fns[2](n - 1) end
fns[2] = function(n) return fns[1](n) end
print(fns[1](300000))
