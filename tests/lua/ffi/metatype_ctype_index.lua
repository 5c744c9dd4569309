-- a metatype's __index also serves the ctype object (static constructors) and its instances
local ffi = require "ffi"
ffi.cdef "struct sx { int v; };"
local mt = {}
mt.__index = mt
function mt.make(x) return ffi.new("struct sx", x) end
function mt:get() return self.v end
local T = ffi.metatype("struct sx", mt)
print(T.make(5):get())
print(pcall(function() return ffi.typeof("int").foo end))
