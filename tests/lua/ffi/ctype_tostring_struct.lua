-- named record types print with their tags
local ffi = require "ffi"
ffi.cdef"struct named { int a; }; union un { int a; }; enum en { EN_A };"
print(ffi.typeof("struct named"), ffi.typeof("union un"), ffi.typeof("enum en"))
print(ffi.typeof("struct named *"), ffi.typeof("const struct named *"), ffi.typeof("struct named[2]"))
