local buffer = require "string.buffer"
-- Buffers in concatenation chains and table.concat-like loops.
local b = buffer.new():put("x")
local s = ""
for i = 1, 3 do s = s .. b .. i end
print(s)
print(("%s|%s"):format(tostring(b), b:tostring()))
print(#("pre" .. b .. "post"))
