local t = {}
for i = 1, 10000 do t[i] = i * 2 end
print(#t, t[5000], t[10000])
for i = 10000, 1, -1 do t[i] = nil end
print(#t, next(t))
local r = {}
for i = 100, 1, -1 do r[i] = i end
print(#r, r[1], r[100])
