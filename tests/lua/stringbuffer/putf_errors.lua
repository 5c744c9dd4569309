local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- putf's format errors.
local b = buffer.new()
print(pcall(function() b:putf("%y", 1) end))
print(#b)
print(pcall(function() b:putf("%d") end))
print(pcall(function() b:putf("%d", "x") end))
print(pcall(function() b.putf(b, "%d", "x") end))
print(pcall(function() b:putf() end))
print(pcall(function() b:putf({}) end))
print(pcall(b.putf, b, "%s %d", "a"))
print(pcall(function() b:putf("%s", setmetatable({}, { __tostring = function() return string.rep() end })) end))
