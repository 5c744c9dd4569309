-- const members cannot be written
local ffi = require "ffi"
ffi.cdef"struct cm { const int a; int b; };"
local s = ffi.new("struct cm", 1, 2)
print(s.a, s.b)
print(pcall(function() s.a = 5 end))
print(ffi.typeof("const char *"), ffi.typeof("char const *"))
