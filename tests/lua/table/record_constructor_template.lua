-- Constructors made only of `name = v` fields with distinct names are built from a copy of a template hash part.
-- The tables must be the ones the field-by-field constructor makes: pairs order, nil fields, later changes to one
-- table never showing in the next, values that raise or yield while the table is half built.
-- (sorted: traversal order is the engine's own; tests/Tidegate.Lua.Tests ConstructorTemplateTests checks that it is
-- the field-by-field constructor's)
local function keys(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) .. "=" .. tostring(v) end
  table.sort(out)
  return table.concat(out, " ")
end

local function make(i, x)
  return { name = "n" .. i, age = i, city = x, score = i * 0.5 }
end
print(keys(make(1, "a")))
print(keys(make(2, nil)))
local n3 = make(3, nil)
local count = 0
for k, v in pairs(n3) do count = count + 1 end
print(count, n3.city, n3.name)

-- one field, many fields (a 32-node hash part), long names, names like metamethods and numbers
print(keys({ only = 1 }))
local big = { f1 = 1, f2 = 2, f3 = 3, f4 = 4, f5 = 5, f6 = 6, f7 = 7, f8 = 8, f9 = 9, f10 = 10, f11 = 11, f12 = 12,
  f13 = 13, f14 = 14, f15 = 15, f16 = 16, f17 = 17 }
print(keys(big))
local sum = 0
for i = 1, 17 do sum = sum + big["f" .. i] end
print(sum)
local long = { a_rather_long_field_name_that_is_longer_than_forty_bytes = 1, ["x"] = 2 }
print(keys(long))
local named = { this_field_name_is_also_far_longer_than_forty_bytes_x = 1, y = 2 }
print(named.this_field_name_is_also_far_longer_than_forty_bytes_x, named["this_field_name_is_also_far_longer_than" .. "_forty_bytes_x"])
local mt = { __index = function(_, k) return "idx " .. k end, __len = function() return 99 end }
local obj = setmetatable({}, mt)
print(obj.anything, #obj)
local mt2 = { __index = { inherited = true }, __tostring = nil }
print(setmetatable({}, mt2).inherited, rawget(mt2, "__tostring"), type(mt2.__index))

-- all nil fields, then filled; the dead nodes are reused by their own keys
local function empty() return { a = nil, b = nil, c = nil } end
local e = empty()
print(next(e), #e)
e.c = 3; e.a = 1
print(keys(e))
e.d = 4
print(keys(e))

-- changes to one table (new keys, a rehash, removals, a metatable, table.clear) never reach the next
local r1 = make(10, "x")
for i = 1, 100 do r1["extra" .. i] = i end
r1.name = nil; r1.age = nil
setmetatable(r1, { __newindex = function() error("no") end })
local r2 = make(11, "y")
print(keys(r2))
r2.extra = 1
for k in pairs(r2) do r2[k] = nil end
print(next(r2), keys(make(12, "z")))

-- rawequal identity: each evaluation is a new table
local a, b = make(1, "a"), make(1, "a")
print(a == b, rawequal(a, b))

-- a value that raises: nothing of the half-built table leaks, the next one is whole
local ok, err = pcall(function() return { a = 1, b = error("boom"), c = 3 } end)
print(ok, err)
print(keys({ a = 1, b = 2, c = 3 }))
local ok2, err2 = pcall(function() local t = nil; return { a = 1, b = t.x } end)
print(ok2, err2)

-- a value that yields while the table is half built, two coroutines interleaved
local function builder(tag)
  return coroutine.wrap(function()
    local t = { first = tag, second = coroutine.yield(tag .. "1"), third = coroutine.yield(tag .. "2") }
    return keys(t)
  end)
end
local c1, c2 = builder("p"), builder("q")
print(c1(), c2(), c1("p-second"), c2("q-second"), c1("p-third"), c2("q-third"))

-- multiple values truncated, varargs, nested records
local function two() return 1, 2 end
local function va(...) return { first = ..., n = select("#", ...) } end
print(keys({ v = two() }), keys(va(7, 8, 9)))
local nested = { inner = { deep = { x = 1 } }, other = { y = 2 } }
print(nested.inner.deep.x, nested.other.y)

-- a method's self fields through hints shared across many objects of one constructor
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y, tag = nil }, Point) end
function Point:len2() return self.x * self.x + self.y * self.y end
local total = 0
for i = 1, 200 do
  local p = Point.new(i, i % 7)
  if i % 3 == 0 then p.tag = "t" end
  total = total + p:len2() + (p.tag and 1 or 0)
end
print(total)

-- duplicate names and mixed constructors keep the field-by-field path
print(keys({ a = 1, a = 2 }), keys({ a = 1, [2] = "two", 10 }), #{ n = 1, 5, 6 })
