local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- __tostring is called once per argument, in order.
local calls = {}
local function obj(name) return setmetatable({}, { __tostring = function() calls[#calls + 1] = name return name end }) end
local b = buffer.new():put(obj("a"), "-", obj("b"))
print(b:tostring(), table.concat(calls, ","))
