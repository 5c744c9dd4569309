-- table.sort is not stable; compare only the sorted keys.
local t = {}
for i = 1, 50 do t[i] = {k = i % 5, id = i} end
table.sort(t, function(a, b) return a.k < b.k end)
local ks = {} for i = 1, 50 do ks[i] = t[i].k end
print(table.concat(ks, ""))
print(pcall(table.sort, {1, 2, nil, 4}))
local ok = pcall(table.sort, {3, 1, 2}, function(a, b) return a <= b end)
print(ok)
