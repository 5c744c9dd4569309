local buffer = require "string.buffer"
-- A __tostring that returns a buffer puts that buffer's contents.
local inner = buffer.new():put("inner")
local obj = setmetatable({}, { __tostring = function() return inner end })
local b = buffer.new():put("[", obj, "]")
print(b:tostring(), inner:tostring())
