-- A constructor's named field whose value is nil still gives its key a (dead) node, so objects built by one
-- constructor share their layout whichever fields started nil. Nothing of that may show: a nil field is
-- absent to pairs/next, to __index (which must still be consulted) and to __newindex (which must still run).
local function keys(t)
  local list = {}
  for k, v in pairs(t) do list[#list + 1] = tostring(k) .. "=" .. tostring(v) end
  table.sort(list)
  return #list .. ": " .. table.concat(list, " ")
end

local function make(a, b, c) return { a = a, b = b, c = c, d = nil, e = false } end

local objs = { make(1, nil, 3), make(nil, 2, nil), make(nil, nil, nil), make("x", "y", "z") }
for i, o in ipairs(objs) do print(i, keys(o), next(o) ~= nil) end

-- One read site over objects with different nil fields (the slot hint made on one serves the others).
local function readAll(o) return tostring(o.a) .. tostring(o.b) .. tostring(o.c) .. tostring(o.d) .. tostring(o.e) end
for round = 1, 3 do
  local parts = {}
  for i, o in ipairs(objs) do parts[i] = readAll(o) end
  print(round, table.concat(parts, "|"))
end

-- Fields that started nil get values later; then some are cleared again; order-free facts only.
for i, o in ipairs(objs) do
  o.b = (o.b or 0) .. "!"
  o.d = i
  o.f = i * 10 -- a key the constructor did not have
end
for i, o in ipairs(objs) do print(i, keys(o)) end
objs[1].a, objs[2].b, objs[4].d = nil, nil, nil
for i, o in ipairs(objs) do print(i, keys(o), rawget(o, "a"), rawget(o, "d")) end

-- The empty case and all-nil constructors.
print(next({ x = nil }), next({ x = nil, y = nil, z = nil }), keys({ x = nil, [1] = nil, y = 1 }))

-- Duplicate keys: the last store wins, nil or not.
print(keys({ a = nil, a = 1 }), keys({ a = 1, a = nil }), keys({ a = 1, b = nil, a = 2, b = 3 }))

-- __index still answers for a field that was nil in the constructor.
local Class = { d = "from class", a = "class a" }
Class.__index = Class
local inst = setmetatable({ a = nil, b = 1, d = nil }, Class)
print(inst.a, inst.b, inst.d, rawget(inst, "d"), keys(inst))
inst.d = "own"
print(inst.d, rawget(inst, "d"))
inst.d = nil
print(inst.d, rawget(inst, "d"))

-- __newindex still runs for a field that was nil in the constructor (and not for one that holds a value).
local log = {}
local Guard = { __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(t, k, v) end }
local g = setmetatable({ p = nil, q = 1 }, Guard)
g.p = "first"   -- absent: __newindex
g.q = 2         -- present: raw
g.p = "second"  -- present now: raw
g.q = nil       -- present: raw, clears it
g.q = 3         -- absent again: __newindex
print(table.concat(log, " "), g.p, g.q)

-- Method calls on objects whose constructors differ only in which fields are nil.
local Obj = {}
Obj.__index = Obj
function Obj.new(x, y) return setmetatable({ x = x, y = y, link = nil, tag = x and "x" or "nox" }, Obj) end
function Obj:sum() return (self.x or 0) + (self.y or 0) end
function Obj:describe() return self.tag .. ":" .. tostring(self.link) end
local total, list = 0, {}
for i = 1, 200 do
  local o = Obj.new(i % 3 == 0 and nil or i, i % 5 == 0 and nil or 2 * i)
  if i % 7 == 0 then o.link = i end
  list[#list + 1] = o
  total = total + o:sum()
end
local described = {}
for i = 1, 200, 37 do described[#described + 1] = list[i]:describe() end
print(total, table.concat(described, " "))

-- Many fields, more than one node each bucket would hold, several of them nil.
local big = { f1 = 1, f2 = nil, f3 = 3, f4 = nil, f5 = 5, f6 = nil, f7 = 7, f8 = nil, f9 = 9, f10 = nil,
  f11 = 11, f12 = nil, f13 = 13, f14 = nil, f15 = 15, f16 = nil, f17 = 17 }
print(keys(big))
for i = 2, 16, 2 do big["f" .. i] = i end
big.f18 = 18
print(keys(big))

-- Weak values still collect from a table whose constructor had nil fields.
local weak = setmetatable({ a = nil, b = {}, c = nil }, { __mode = "v" })
weak.a = {}
collectgarbage(); collectgarbage()
print(keys(weak))
