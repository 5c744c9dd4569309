-- string.buffer serializes complex double (tag 0x12) but not complex float.
local ffi = require "ffi"
local buffer = require "string.buffer"
local s = buffer.encode(ffi.new("complex", 1.5, -2))
print(#s, s:byte(1))
print(buffer.decode(s))
print(buffer.decode(buffer.encode({ 1i, z = 2i })).z)
print(pcall(buffer.encode, ffi.new("complex float", 1, 2)))
print(pcall(buffer.decode, s:sub(1, 10)))
