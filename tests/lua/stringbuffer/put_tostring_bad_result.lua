local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A __tostring result that is not a string or number is refused.
local b = buffer.new()
local bad = setmetatable({}, { __tostring = function() return {} end })
print(pcall(function() b:put(bad) end))
print(#b)
