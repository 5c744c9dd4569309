-- cdef errors past the first line say "at line N"
local ffi=require"ffi"
print(pcall(ffi.cdef, "struct r1 {int a;};\nstruct r1 {int a;};"))
print(pcall(ffi.cdef, "\n\nint 3;"))
print(pcall(ffi.cdef, "struct q { int x:33; };"))
print(pcall(ffi.cdef, "struct q2 { long long x:40; };"))
print(pcall(ffi.cdef, "struct q3 { double x:4; };"))
print(pcall(ffi.cdef, "enum { E = 10u, F = 0x10U };"))
print(pcall(ffi.cdef, "enum { G = 5L };"))
print(pcall(ffi.typeof, "int\n\n x"))
