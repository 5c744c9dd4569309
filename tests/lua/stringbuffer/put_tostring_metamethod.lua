local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Values with __tostring are put by its result.
local b = buffer.new()
local obj = setmetatable({}, { __tostring = function() return "OBJ" end })
local num = setmetatable({}, { __tostring = function() return 42 end })
b:put(obj, "/", num)
print(b:tostring())
