-- A field missing from an object and from its class (through __index) is remembered at the read site as
-- absent until the class gets a new key. Every way a class can gain the key must be seen at once.
local C = { a = 1 }
C.__index = C
local o = setmetatable({ own = true, link = nil }, C)

local function readB(x) return x.b end
local function readLink(x) return x.link end
local function callM(x) return x:m() end

print(readB(o), readB(o), readLink(o))

-- A plain store adds the key.
C.b = "b1"
print(readB(o))
-- Removal then the key coming back.
C.b = nil
print(readB(o), readB(o))
C.b = "b2"
print(readB(o))
C.b = nil
print(readB(o))

-- rawset adds it.
rawset(C, "b", "b3")
print(readB(o))
C.b = nil
print(readB(o))

-- A new key taking a dead node: fill, clear, then add another key (no rehash needed).
for i = 1, 6 do C["f" .. i] = i end
for i = 1, 6 do C["f" .. i] = nil end
print(readB(o))
C.b = "b4"
print(readB(o))
C.b = nil
print(readB(o))
-- A key added by a rehash (many new keys at once).
for i = 1, 100 do C["g" .. i] = i end
print(readB(o))
C.b = "b5"
print(readB(o))
C.b = nil

-- A method that is missing, then defined.
print(pcall(callM, o))
function C:m() return "m of C" end
print(callM(o))
C.m = nil
print(pcall(callM, o))
function C.m() return "m again" end
print(callM(o))

-- Two classes at one read site (polymorphic): a miss remembered for one says nothing about the other.
local D = { b = "from D" }
D.__index = D
local p = setmetatable({}, D)
for i = 1, 4 do print(i, readB(o), readB(p)) end
D.b = nil
print(readB(o), readB(p))
C.b = "b6"
print(readB(o), readB(p))
C.b = nil

-- Switching an object's metatable.
setmetatable(o, D)
D.b = "D again"
print(readB(o))
setmetatable(o, C)
print(readB(o))

-- A chain: the class's own metatable answers what the class lacks; the chain's end gaining the key is seen.
local Base = { }
Base.__index = Base
local Mid = setmetatable({}, Base)
Mid.__index = Mid
local q = setmetatable({}, Mid)
print(readB(q), readB(q))
Base.b = "from Base"
print(readB(q))
Mid.b = "from Mid"
print(readB(q))
Mid.b = nil; Base.b = nil
print(readB(q))

-- __index as a function on the class's metatable.
local calls = 0
local Dyn = setmetatable({}, { __index = function(_, k) calls = calls + 1; return k == "b" and "dyn" or nil end })
Dyn.__index = Dyn
local r = setmetatable({}, Dyn)
print(readB(r), readB(r), calls)
rawset(Dyn, "b", "raw")
print(readB(r), calls)

-- A class whose constructor had the field as nil, given a value later.
local E = { b = nil, c = 1 }
E.__index = E
local s = setmetatable({}, E)
print(readB(s), readB(s))
E.b = "E b"
print(readB(s))

-- Many misses and hits in a loop, with the class changing part way.
local F = {}
F.__index = F
local objs = {}
for i = 1, 10 do objs[i] = setmetatable({ b = (i % 3 == 0) and i or nil }, F) end
local found = 0
for round = 1, 30 do
  if round == 10 then F.b = "F" end
  if round == 20 then F.b = nil end
  for i = 1, 10 do if readB(objs[i]) ~= nil then found = found + 1 end end
end
print("found", found)
