local function many(n) local t = {} for i = 1, n do t[i] = i end return unpack(t) end
print(select("#", many(1000)), (select(1000, many(1000))))
local packed = {many(300)}
print(#packed)
