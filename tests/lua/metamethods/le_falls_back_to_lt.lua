-- Without __le, a <= b is computed as not (b < a).
local log = {}
local mt = {__lt = function(a, b) log[#log + 1] = a.v .. "<" .. b.v return a.v < b.v end}
local function V(v) return setmetatable({v = v}, mt) end
print(V(1) <= V(2), V(3) <= V(2), V(2) >= V(2))
print(table.concat(log, " "))
