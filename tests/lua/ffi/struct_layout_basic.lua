-- struct sizes, alignments and member offsets as GCC lays them out
local ffi = require "ffi"
ffi.cdef[[
struct a { char c; int i; };
struct b { char c; double d; char e; };
struct c { short s; char c; };
struct d { char x[3]; };
struct e { int i; char c; long long l; };
]]
for _, n in ipairs{"a","b","c","d","e"} do
  print(n, ffi.sizeof("struct "..n), ffi.alignof("struct "..n))
end
print(ffi.offsetof("struct a", "i"), ffi.offsetof("struct b", "d"), ffi.offsetof("struct b", "e"), ffi.offsetof("struct e", "l"))
