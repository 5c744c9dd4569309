-- obj:m() and obj.x skip the object's probe when its key summary proves the name absent. Every way the object
-- can gain the name (a store, rawset, a constructor, a dead node reused, a rehash, table.clear and refill, a weak
-- table's entries coming and going) must be seen at once, and the class's own changes as before.
local C = {}
C.__index = C
function C:m() return "class m" end
function C:n() return "class n" end

local function callM(o) return o:m() end
local function callN(o) return o:n() end
local function readX(o) return o.x end
local function readM(o) return o.m end

local o = setmetatable({ a = 1, b = 2 }, C)
print(callM(o), callN(o), readX(o), readM(o) == C.m)

-- The object gains the method name: a plain store, then removed, then rawset.
o.m = function() return "own m" end
print(callM(o), callN(o))
o.m = nil
print(callM(o), callM(o))
rawset(o, "m", function() return "rawset m" end)
print(callM(o))
rawset(o, "m", nil)
print(callM(o))

-- A field x appearing on the object after reads found it absent.
print(readX(o), readX(o))
o.x = "own x"
print(readX(o))
o.x = nil
print(readX(o))
C.x = "class x"
print(readX(o))
o.x = false
print(readX(o))
o.x = nil
C.x = nil
print(readX(o))

-- Many objects, many names: every key added, dead nodes reused, rehashes.
local objs = {}
for i = 1, 50 do
  local t = { id = i }
  for j = 1, i % 9 do t["f" .. j] = j end
  objs[i] = setmetatable(t, C)
end
local names = {}
for i = 1, 40 do names[i] = "k" .. i end
local count = 0
for round = 1, 3 do
  for i, t in ipairs(objs) do
    local name = names[(i * 7 + round) % 40 + 1]
    t[name] = round
    if t[name] == round then count = count + 1 end
    if round == 2 then t[name] = nil end
    if callM(t) ~= "class m" then print("wrong", i) end
  end
end
print("count", count)
-- An object that gets m through a reused dead node (fill, clear, add another key with no rehash).
local p = setmetatable({ a = 1, b = 2, c = 3, d = 4 }, C)
p.a, p.b = nil, nil
p.m = function() return "reused m" end
print(callM(p))
-- Through a rehash: many keys at once, m last.
local q = setmetatable({}, C)
for i = 1, 100 do q["g" .. i] = i end
print(callM(q))
q.m = function() return "rehashed m" end
print(callM(q))
for i = 1, 100 do q["g" .. i] = nil end
for i = 1, 100 do q["h" .. i] = i end
print(callM(q))
-- A constructor with the method name among its fields (also a nil one).
local r = setmetatable({ m = function() return "ctor m" end, n = nil }, C)
print(callM(r), callN(r))
r.n = function() return "late n" end
print(callN(r))

-- Keys built at run time with the method name's bytes (equal content, another object).
local s = setmetatable({}, C)
local built = ("mm"):sub(1, 1)
s[built] = function() return "built m" end
print(callM(s))
local t2 = setmetatable({}, C)
t2[table.concat({ "n" })] = function() return "concat n" end
print(callN(t2))

-- Embedded zeros and long names.
local z = setmetatable({}, C)
C["a\0b"] = "class zero"
print(z["a\0b"], z["a\0c"])
z["a\0b"] = "own zero"
print(z["a\0b"])
local long = string.rep("method", 20)
C[long] = function() return "class long" end
print(z[long]())
z[long] = function() return "own long" end
print(z[long]())

-- table.clear (LuaJIT's) empties the object; the class is seen again.
local ok, clear = pcall(require, "table.clear")
if ok then
  local u = setmetatable({ m = function() return "own u" end }, C)
  print(callM(u))
  clear(u)
  print(callM(u))
  u.m = function() return "own u again" end
  print(callM(u))
end

-- The metatable changes: another class, no __index, __index as a function.
local D = { m = function() return "D m" end }
D.__index = D
local v = setmetatable({ a = 1 }, C)
print(callM(v))
setmetatable(v, D)
print(callM(v))
setmetatable(v, { __index = function(_, k) return function() return "fn " .. k end end })
print(callM(v))
setmetatable(v, {})
print(pcall(callM, v))
setmetatable(v, nil)
print(pcall(callM, v))
print(readX(v))

-- A weak-keyed object used as an object: entries collected and added again.
local W = setmetatable({}, { __mode = "k", __index = C })
local key = {}
W[key] = 1
W.m = function() return "weak own m" end
print(callM(W))
key = nil
collectgarbage()
collectgarbage()
print(callM(W))
W.m = nil
print(callM(W))

-- Number and float keys never hide a string name.
local nk = setmetatable({ [1] = 1, [2.5] = 2, [2^53] = 3, [-0.0] = 4 }, C)
print(callM(nk), nk[0], nk[2^53], nk[2.5])

-- Errors keep their messages: a missing method on an object and in its class.
local e = setmetatable({ a = 1 }, C)
print(pcall(function() return e:missing() end))
print(pcall(function() local obj = e; return obj.a:nope() end))
