-- '#' answers from a border the table keeps through every store into its array part (Runtime/LuaTable.cs
-- _border): appends, nils at the end, holes, overwrites, rehashes that move keys between the parts,
-- table.insert/remove, table.clear-like loops and number loops. Each line prints '#' after a step; with
-- holes, which border '#' gives follows LuaJIT's array sizing and search, so this runs against luajit.
local seed = 7
local function rnd(m) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m end

-- Appends with #, then nils from the end, then appends again.
local t = {}
for i = 1, 40 do t[#t + 1] = i end
io.write(#t, " ")
for _ = 1, 15 do t[#t] = nil end
io.write(#t, " ")
for i = 1, 30 do t[#t + 1] = -i end
print(#t, t[#t])

-- A hole below the border, then filled again; a value far beyond; a nil beyond (no change).
local h = {}
for i = 1, 16 do h[i] = i end
h[5] = nil; io.write(#h, " ")
h[5] = 5; io.write(#h, " ")
h[16] = nil; io.write(#h, " ")
h[15] = nil; h[14] = nil; io.write(#h, " ")
h[20] = nil; io.write(#h, " ")
h[16] = 1; io.write(#h, " ")
h[14] = 1; h[15] = 1; print(#h)

-- Random stores of values and nils over a small key range, '#' after each.
for round = 1, 6 do
  local r = {}
  for i = 1, 12 + round * 4 do r[i] = i end
  local out = {}
  for step = 1, 120 do
    local k = rnd(24 + round * 4) + 1
    if rnd(3) == 0 then r[k] = nil else r[k] = step end
    out[#out + 1] = #r
  end
  print(table.concat(out, ","))
end

-- Keys moved into the array part by a rehash: contiguous, with a gap, and out of order.
local function fillFromHash(keys)
  local m = {}
  for _, k in ipairs(keys) do m[k] = k end
  m.x = 1; m.y = 2; m.z = 3   -- string keys force rehashes
  for i = 1, 10 do m["s" .. i] = i end
  return #m
end
print(fillFromHash({1, 2, 3, 4, 5, 6}), fillFromHash({6, 5, 4, 3, 2, 1}), fillFromHash({1, 2, 4, 5}),
      fillFromHash({2, 3, 4}), fillFromHash({1, 3}), fillFromHash({8, 1, 2, 3, 4, 5, 6, 7}))

-- table.insert / table.remove at both ends and in the middle.
local q = {}
for i = 1, 20 do table.insert(q, i) end
table.insert(q, 1, 0); table.insert(q, 10, 99)
io.write(#q, " ")
table.remove(q); table.remove(q, 1); table.remove(q, 5)
io.write(#q, " ")
for _ = 1, 10 do table.remove(q) end
print(#q, q[#q])

-- Preallocated array parts (table.new and constructors) and stores into them.
local ok, new = pcall(require, "table.new")
if ok then
  local p = new(16, 0)
  io.write(#p, " ")
  p[1] = 1; p[2] = 2; io.write(#p, " ")
  p[4] = 4; io.write(#p, " ")
  p[3] = 3; print(#p)
end
local c = {1, 2, 3, nil, 5, nil}
io.write(#c, " ")
c[4] = 4; io.write(#c, " ")
c[6] = 6; io.write(#c, " ")
c[7] = 7; print(#c)

-- A number loop storing into the array part, then nils at the end from a loop.
local a = {}
for i = 1, 100 do a[i] = i * 0.5 end
for i = 1, 100 do a[i] = a[i] + 1 end
io.write(#a, " ")
for i = 100, 61, -1 do a[i] = nil end
io.write(#a, " ")
for i = 1, 60 do a[i] = nil end
io.write(#a, " ")
a[1] = true
print(#a)

-- Shrinking: a table emptied and refilled through a rehash keeps answering.
local s = {}
for i = 1, 64 do s[i] = i end
for i = 64, 2, -1 do s[i] = nil end
for i = 1, 40 do s["k" .. i] = i end
io.write(#s, " ")
for i = 2, 10 do s[i] = i end
print(#s)

-- Weak values in the array part are collected; '#' then searches.
local w = setmetatable({}, {__mode = "v"})
for i = 1, 8 do w[i] = {} end
local keep = w[3]
collectgarbage(); collectgarbage()
print(#w == 0 or #w == 3, w[3] == keep)
