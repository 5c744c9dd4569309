-- enum cdata: initialized from names or numbers, printed with their value
local ffi = require "ffi"
ffi.cdef "enum level { LOW = 1, MID = 5, HIGH = 10 };"
local e = ffi.new("enum level", "MID")
print(tostring(e))
print(tostring(ffi.new("enum level", 10)))
print(pcall(ffi.new, "enum level", "NOPE"))
print(ffi.C.LOW + ffi.C.HIGH)
