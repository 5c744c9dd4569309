local clone = require "table.clone"
local t = {}
for i = 1, 1000 do t[i] = i t["s" .. i] = i end
local c = clone(t)
local n = 0
for k, v in pairs(c) do n = n + 1 if t[k] ~= v then print("mismatch", k) end end
print(n, #c)
