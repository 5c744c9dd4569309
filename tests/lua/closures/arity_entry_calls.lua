-- Calls with 1-4 arguments through anything but a known local function (an upvalue, a table field, a global,
-- a method) take the callee's per-arity entry (LuaFunction.Invoke1..Invoke4, Emit/FunctionCompiler.DirectCalls.cs):
-- arguments in registers, the first result returned as a value. Every callee kind, argument count and way of
-- using the results must agree with the stack protocol.

local M = {}
function M.one(a) return a end
function M.two(a, b) return a, b end
function M.three(a, b, c) return c, b, a end
function M.four(a, b, c, d) return a, b, c, d end
function M.none(a) end
function M.many(a) return a, a, a, a, a end
function M.self(a) return M.self end

-- Fewer and more arguments than parameters (missing ones are nil, extra ones dropped), every arity 1-4.
print(M.one(1), M.one(1, 2), M.one(1, 2, 3), M.one(1, 2, 3, 4))
print(M.two(1), M.two(1, 2), M.two(1, 2, 3), M.two(1, 2, 3, 4))
print(M.three(1), M.three(1, 2), M.three(1, 2, 3), M.three(1, 2, 3, 4))
print(M.four(1), M.four(1, 2), M.four(1, 2, 3), M.four(1, 2, 3, 4))
print(select("#", M.four(1)), select("#", M.none(1)), select("#", M.many(1)))

-- Single-value contexts, statement calls, multi-value contexts, odd numbers.
local x = M.one(0/0)
print(x ~= x, 1 / M.one(-0), M.one(2^53 + 1), M.one("10") + 1, M.one(nil), M.one(false))
M.one(1)
M.many(2)
local t = {M.many("m")}
print(#t, (M.many("first")), M.two(M.two(7, 8)))
print(M.none(1), M.none(1) == nil, M.self(1)(2) == M.self)

-- Methods: self is the first value; a class through __index, an object's own function field shadowing it.
local Account = {}
Account.__index = Account
function Account.new(b) return setmetatable({balance = b}, Account) end
function Account:deposit(v) self.balance = self.balance + v; return self.balance end
function Account:get() return self.balance end
function Account:move(to, v) self.balance = self.balance - v; to.balance = to.balance + v; return self, to end
local a, b = Account.new(100), Account.new(5)
print(a:deposit(10), a:get(), b:get(), select("#", a:move(b, 30)), a:get(), b:get())
b.get = function(self) return "own " .. self.balance end
print(b:get(), a:get())
Account.get = function(self) return "replaced " .. self.balance end
print(b:get(), a:get())

-- Host functions through the same sites: globals, upvalues, table fields, string methods.
local sub, byte = string.sub, string.byte
local s = "hello world"
print(sub(s, 1, 5), byte(s, 1), s:sub(7), s:byte(1, 3), s:upper(), ("%d-%s"):format(3, "x"))
print(math.max(3, 9, 4), tostring(12), type(print), select(2, "a", "b", "c"))

-- A callable table (__call): the value is inserted before the arguments.
local callable = setmetatable({}, {__call = function(self, p, q) return "called", p, q end})
local holder = {f = callable}
print(callable(1), callable(1, 2), holder.f(3, 4, 5))
print(select("#", holder:f(6)), select(2, holder:f(6)) == holder, select(3, holder:f(6)))

-- Functions that are not plain: vararg, and replaced between calls at one site.
local V = {}
function V.va(...) return select("#", ...), ... end
print(V.va(1), V.va(1, nil), V.va(nil, nil, 3))
local sites = {}
for i, f in ipairs({M.one, V.va, tostring, callable, M.four}) do
  sites[i] = table.concat({tostring(select("#", f(i, "x"))), tostring((f(i, "x")))}, ":")
end
print(table.concat(sites, " "))

-- Yields across the entries: a coroutine body calling through a table field and a method.
local Gen = {}
Gen.__index = Gen
function Gen:step(v) local got = coroutine.yield(v * 2); return got + 1 end
function Gen.pass(g, v) return g:step(v) end
local co = coroutine.wrap(function(g, v)
  local r = Gen.pass(g, v)
  local r2 = g:step(r)
  return "done", r, r2
end)
local g = setmetatable({}, Gen)
print(co(g, 5))
print(co(100))
print(co(200))

-- Errors: calling nil / a number through each site kind, with exact messages.
local function try(f) local ok, e = pcall(f); print(ok, e) end
try(function() return M.missing(1) end)
try(function() local r = M.missing(1, 2); return r end)
try(function() local r = a:missing(1); return r end)
try(function() local n = 5; local r = n(1); return r end)
try(function() local r = M.one(1) + M.none(1); return r end)
try(function() local r = undefinedGlobal(1, 2, 3); return r end)
try(function() local r = ("x"):nomethod(1); return r end)

-- A traceback through the entries: error raised three calls deep (field, method, upvalue).
local deep
local Obj = setmetatable({}, {__index = {boom = function(self, v) error("boom " .. v) end}})
local T = {}
function T.mid(v) local r = Obj:boom(v); return r end
deep = function(v) local r = T.mid(v); return r end
local ok, tb = xpcall(function() local r = deep(7); return r end, debug.traceback)
print(ok, (tb:gsub("\n%s*%[C%]: at 0x%x+", "")))
print(select(2, pcall(function() local r = deep(8); return r end)))

-- Arguments evaluated in order, with calls among them whose frames sit above the earlier arguments.
local log = {}
local function note(v) log[#log + 1] = v; return v end
print(M.four(note(1), M.one(note(2)), note(3), M.two(note(4))))
print(table.concat(log, ","))

-- Method lookups on objects with metatables (CompiledCode.IndexMethod): __index as a function, a two-level
-- class chain, a metatable without __index, an own field appearing and going away, a class replaced.
local Base = {}
Base.__index = Base
function Base:name() return "base " .. self.n end
function Base:kind() return "kind of " .. self.n end
local Derived = setmetatable({}, Base)
Derived.__index = Derived
function Derived:name() return "derived " .. self.n end
local d = setmetatable({n = 1}, Derived)
print(d:name(), d:kind())
local byFunction = setmetatable({n = 2}, {__index = function(self, k) return function(o, v) return k .. ":" .. o.n .. ":" .. tostring(v) end end})
print(byFunction:anything(5), byFunction:other())
local noIndex = setmetatable({n = 3}, {})
print(pcall(function() return noIndex:name() end))
for i = 1, 3 do
  if i == 2 then d.name = function(self) return "own " .. self.n end end
  if i == 3 then d.name = nil end
  print(i, d:name())
end
setmetatable(d, Base)
print(d:name(), d:kind())
local mt = getmetatable(d)
mt.__index = {name = function() return "new index table" end}
print(d:name(), pcall(function() return d:kind() end))
local counted = setmetatable({}, {__index = function(_, k) error("no method " .. k) end})
print(pcall(function() return counted:go(1) end))
