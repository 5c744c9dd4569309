-- t[k] = t[k] + c, t[k] = t[k] - c and t[k] = (t[k] or x) + c with run-time keys: compiled as one probe that adds
-- in place when the entry holds a number, else the statement as written. Every way out of the fast path.
local function sorted(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(t[k] or t[tonumber(k)]) end
  return table.concat(out, " ")
end

-- counting with new keys arriving all the time: inserts rehash the table between fast-path adds
local counts = {}
for i = 1, 3000 do
  local w = "k" .. (i * 7919 % 1000)
  counts[w] = (counts[w] or 0) + 1
  local l = string.rep("long", 20) .. (i % 5) -- 80+ bytes: separate objects with equal bytes
  counts[l] = (counts[l] or 0) + 2
end
local n, total = 0, 0
for k, v in pairs(counts) do n = n + 1; total = total + v end
print(n, total, counts.k0, counts[string.rep("long", 20) .. "3"])

-- plain and subtracting forms, fractions, negative zero
local t = { a = 1.5, z = 0 }
local k = "a"
t[k] = t[k] + 2.25
t[k] = t[k] - 0.75
print(t.a)
k = "z"
t[k] = -0.0
t[k] = t[k] - 0
print(1 / t.z, t[k] + 0)
t[k] = t[k] + 0
print(1 / t.z)
t[k] = t[k] - 1e308
t[k] = t[k] - 1e308
print(t.z, t[k] - t[k] ~= t[k] - t[k])

-- the value is not a number: a numeric string (coerced), a table with __add, a string that is not a number
local meta = { __add = function(a, b) return "added " .. tostring(b) end }
local u = { s = "10", o = setmetatable({}, meta), bad = "x" }
k = "s"; u[k] = u[k] + 1; print(u.s, type(u.s))
k = "o"; u[k] = u[k] + 5; print(u.o)
k = "bad"
print(pcall(function() u[k] = u[k] + 1 end))
k = "missing"
print(pcall(function() u[k] = u[k] + 1 end))
u[k] = (u[k] or 10) + 1; print(u.missing)
u[k] = (u[k] or error("not evaluated")) + 1; print(u.missing)

-- __index supplies absent keys, __newindex receives their stores; a present key consults neither
local log = {}
local proxy = setmetatable({ present = 1 }, {
  __index = function(_, key) log[#log + 1] = "index " .. key; return 100 end,
  __newindex = function(tb, key, v) log[#log + 1] = "newindex " .. key .. "=" .. v; rawset(tb, key, v) end,
})
for _, key in ipairs({ "present", "absent", "absent", "present" }) do
  proxy[key] = (proxy[key] or 0) + 1
end
print(proxy.present, rawget(proxy, "absent"), table.concat(log, ", "))
-- a present key whose value is nil again (removed) goes back through the metamethods
proxy.present = nil
k = "present"
proxy[k] = proxy[k] + 1
print(rawget(proxy, "present"), log[#log])
-- __index as a table
local base = setmetatable({}, { __index = { inherited = 40 } })
k = "inherited"
base[k] = base[k] + 2
print(rawget(base, "inherited"), getmetatable(base).__index.inherited)

-- nil and NaN keys, and a non-table
local e = {}
print(pcall(function() local key = nil; e[key] = (e[key] or 0) + 1 end))
print(pcall(function() local key = 0 / 0; e[key] = (e[key] or 0) + 1 end))
print(pcall(function() local key = nil; e[key] = e[key] + 1 end))
print(pcall(function() local s, key = "str", "len"; s[key] = s[key] + 1 end))
print(pcall(function() local s, key = nil, "x"; s[key] = (s[key] or 0) + 1 end))

-- number keys: the array part, integer-valued floats, the hash part, holes
local a = { 1, 2, 3, 4 }
for i = 1, 4 do a[i] = a[i] + 10 end
local two = 4 / 2
a[two] = a[two] + 0.5
local f = 3.0
a[f] = (a[f] or 0) - 1
print(a[1], a[2], a[3], a[4], #a)
local big, neg, frac = 2 ^ 53, -0.0, 1.5
local h = { [2 ^ 53] = 1, [0] = 5, [1.5] = 7 }
h[big] = h[big] + 1
h[neg] = h[neg] + 1
h[frac] = h[frac] * 1 + 1
h[frac] = h[frac] + 1
print(h[2 ^ 53], h[0], h[-0.0], h[1.5])
local holes = { 1, nil, 3 }
local i2 = 2
print(pcall(function() holes[i2] = holes[i2] + 1 end))
holes[i2] = (holes[i2] or 0) + 1
print(holes[1], holes[2], holes[3])
local grow = {}
for i = 1, 40 do grow[i] = (grow[i] or 0) + i end
for i = 1, 40 do grow[i] = grow[i] - 1 end
print(#grow, grow[1], grow[40])

-- keys removed during a traversal (allowed) while the others are added to in place
local r = {}
for i = 1, 60 do r["r" .. i] = i end
local seen = 0
for key, v in pairs(r) do
  seen = seen + 1
  if v % 2 == 0 then r[key] = nil else r[key] = r[key] + 1000 end
end
local left, sum = 0, 0
for _, v in pairs(r) do left = left + 1; sum = sum + v end
print(seen, left, sum)

-- table and key as upvalues, and an add in place inside a coroutine that yields between adds
local shared, key = { hits = 0 }, "hits"
local co = coroutine.wrap(function()
  for _ = 1, 3 do
    shared[key] = shared[key] + 1
    coroutine.yield(shared[key])
  end
  return "done"
end)
print(co(), co(), co(), co(), shared.hits)

-- a __index that yields, reached through the fallback of an absent key
local lazy = setmetatable({}, { __index = function(_, name) return coroutine.yield(name) end })
local co2 = coroutine.wrap(function()
  local name = "late"
  lazy[name] = (lazy[name] or 0) + 1
  lazy[name] = (lazy[name] or 0) + 1
  return lazy.late
end)
print(co2(), co2(41))

-- a weak-valued table counted in place
local weak = setmetatable({}, { __mode = "v" })
for i = 1, 10 do local w = "w" .. (i % 3); weak[w] = (weak[w] or 0) + 1 end
collectgarbage()
print(sorted(weak))
