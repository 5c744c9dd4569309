local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
for i = 51, 100 do t[i] = nil end
print(#t)
local u = {nil, nil, 3}
print(#u == 3 or #u == 0)
local v = {} v[1] = 1 v[2] = 2 v[4] = 4
print(#v == 2 or #v == 4)
