-- next remembers the node it returned last; every way of continuing a traversal must still give the
-- same order and errors: fields cleared during the traversal, keys equal in content but not the same
-- string object, number keys in the hash part, restarts, and keys that are not in the table.
-- (Traversal order itself differs between implementations, so only order-free facts are printed.)
local function sorted(list)
  local copy = { unpack(list) }
  table.sort(copy)
  return table.concat(copy, " ")
end

local t = {}
for i = 1, 20 do t["k" .. i] = i end
t[1.5] = "half"; t[-3] = "neg"; t[true] = "yes"
local order = {}
for k, v in pairs(t) do order[#order + 1] = tostring(k) .. "=" .. tostring(v) end
print(#order, sorted(order))

-- The same traversal driven by next with a rebuilt (content-equal) string key each step: same order.
local seen, k = {}, nil
repeat
  local v
  k, v = next(t, type(k) == "string" and (k:sub(1, 1) .. k:sub(2)) or k)
  if k ~= nil then seen[#seen + 1] = tostring(k) .. "=" .. tostring(v) end
until k == nil
print("same order", table.concat(seen, " ") == table.concat(order, " "))

-- Clearing fields (the current one and a later one) while traversing.
local visited, cleared = 0, 0
for key, v in pairs(t) do
  visited = visited + 1
  if type(v) == "number" and v % 3 == 0 then t[key] = nil; cleared = cleared + 1 end
end
print("visited", visited, "cleared", cleared, t.k3, t.k6, t.k7)
local rest = {}
for key in pairs(t) do rest[#rest + 1] = tostring(key) end
print(#rest, sorted(rest))

-- Two interleaved traversals of one table reach the end after the same number of steps each.
local ka, kb, na, nb = nil, nil, 0, 0
repeat
  ka = next(t, ka); if ka ~= nil then na = na + 1 end
  if kb ~= nil or nb == 0 then kb = next(t, kb); if kb ~= nil then nb = nb + 1 end end
until ka == nil
print("interleaved", na, nb)

-- Errors and the ends of a traversal.
print(pcall(next, t, "missing"))
print(pcall(next, t, 1e9))
print(next({}), next({}, nil))
local one = { only = 1 }
print(next(one), next(one, "only"))
print(pcall(next, one, "ONLY"))

-- Array part, then hash part, with integer keys that live in the hash part.
local mixed = { 10, 20, 30, [100] = "h100", [200] = "h200", x = "x" }
local keys, count = {}, 0
local key = nil
repeat
  key = next(mixed, key)
  if key ~= nil then keys[#keys + 1] = tostring(key); count = count + 1 end
until key == nil
print(count, sorted(keys), keys[1], keys[2], keys[3])
