local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- The methods, found through the metatable.
local mt = debug.getmetatable(buffer.new())
local names = {}
for k, v in pairs(mt) do if k ~= "__concat" then names[#names + 1] = k .. "=" .. type(v) end end
table.sort(names)
print(table.concat(names, " "))
print(mt.__index == mt, mt.tostring == mt.__tostring)
