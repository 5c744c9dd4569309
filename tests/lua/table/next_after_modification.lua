local t = {a = 1, b = 2, c = 3}
local n = 0
for k, v in pairs(t) do t[k] = v + 1 n = n + 1 end
print(n, t.a, t.b, t.c)
local arr = {1, 2, 3, 4, 5}
for i, v in ipairs(arr) do if v == 3 then arr[5] = nil end end
print(#arr)
