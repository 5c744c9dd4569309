local clone = require "table.clone"
local t = { 1, nil, 3, nil, 5 }
local c = clone(t)
for i = 1, 5 do io.write(tostring(c[i]), " ") end
print()
local keys = 0
for _ in pairs(c) do keys = keys + 1 end
print(keys)
