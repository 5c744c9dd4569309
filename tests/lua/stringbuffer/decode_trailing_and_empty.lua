-- decode of empty input, trailing garbage, and buffer:decode leaving the rest in the buffer.
local buffer = require "string.buffer"
print(pcall(buffer.decode, ""))
print(pcall(buffer.decode, buffer.encode(1) .. "x"))
print(pcall(buffer.decode, buffer.encode(1) .. buffer.encode(2)))
local b = buffer.new()
b:encode("one"):encode({ 2 }):put("tail")
print(b:decode(), b:decode()[1], b:tostring())
print(pcall(b.decode, b))
local e = buffer.new()
print(pcall(e.decode, e))
print(#buffer.encode(nil), #buffer.encode(false), #buffer.encode(true))
