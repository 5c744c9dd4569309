-- Stores into tables whose metatable lacks __newindex take a raw fast path once that absence is
-- cached; the cache must follow later changes to the metatable, for constant, string-variable and
-- number keys alike.
local Class = {}
Class.__index = Class
local objs = {}
for i = 1, 5 do
  local o = setmetatable({}, Class)
  o.x = i           -- constant key
  local k = "y"
  o[k] = i * 2      -- string variable key
  o[i] = i * 3      -- number key
  objs[i] = o
end
print(objs[3].x, objs[3].y, objs[3][3])

-- Adding __newindex afterwards: absent keys now go to it, present keys still store raw.
local log = {}
Class.__newindex = function(t, k, v) log[#log + 1] = tostring(k) .. "=" .. tostring(v); rawset(t, k, v) end
for i = 1, 3 do
  local o = objs[i]
  o.x = o.x + 100     -- present: raw
  o.z = i             -- absent: __newindex
  local k = "w" .. i
  o[k] = i            -- absent string variable key: __newindex
  o[10 + i] = i       -- absent number key: __newindex
end
print(table.concat(log, " "))
print(objs[1].x, objs[1].z, objs[1].w1, objs[1][11])

-- A removed field (its node keeps the key with a nil value) is absent again.
log = {}
objs[2].z = nil       -- present: raw store of nil
objs[2].z = 7         -- absent now: __newindex
print(table.concat(log, " "), objs[2].z)

-- Removing __newindex again: stores go back to raw.
Class.__newindex = nil
log = {}
for i = 1, 3 do objs[i].q = i; objs[i]["r"] = i; objs[i][20] = i end
print(#log, objs[3].q, objs[3].r, objs[3][20])

-- __newindex as a table on a metatable seen before without one.
local Plain = {}
local p = setmetatable({}, Plain)
for i = 1, 3 do p.a = i; p["b"] = i end
local sink = {}
Plain.__newindex = sink
p.c = 1
p["d"] = 2
p[1] = 3
print(rawget(p, "c"), sink.c, sink.d, sink[1], p.a, p.b)

-- Bad keys still raise through a metatable without __newindex.
local m = setmetatable({}, {})
m.ok = 1
print(pcall(function() m[0/0] = 1 end))
print(pcall(function() local k; m[k] = 1 end))
