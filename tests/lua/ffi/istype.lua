-- ffi.istype
local ffi = require "ffi"
ffi.cdef"struct IT { int a; };"
print(ffi.istype("int", 1), ffi.istype("int", ffi.new("int")), ffi.istype("struct IT", ffi.new("struct IT")))
print(ffi.istype("struct IT *", ffi.new("struct IT")), ffi.istype("const int", ffi.new("int")))
print(ffi.istype(ffi.typeof("double"), ffi.new("double")), ffi.istype("int", "x"), ffi.istype("int64_t", 1LL))
