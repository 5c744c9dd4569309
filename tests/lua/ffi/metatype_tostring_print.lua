-- print and tostring use a metatype's __tostring; string.format %s too
local ffi = require "ffi"
ffi.cdef "struct money { int64_t cents; };"
ffi.metatype("struct money", { __tostring = function(m) return "$" .. tostring(tonumber and m.cents) end })
local m = ffi.new("struct money", 1234)
print(m)
print(tostring(m))
print(string.format("%s", m))
