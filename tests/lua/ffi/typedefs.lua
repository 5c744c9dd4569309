-- typedefs of scalars, anonymous structs and arrays
local ffi = require "ffi"
ffi.cdef[[
typedef unsigned char byte_t;
typedef struct { byte_t r, g, b; } rgb_t;
typedef rgb_t palette_t[4];
typedef int *intptr_list[2];
]]
print(ffi.sizeof("byte_t"), ffi.sizeof("rgb_t"), ffi.sizeof("palette_t"), ffi.sizeof("intptr_list"))
local p = ffi.new("palette_t")
p[2].g = 200
print(p[2].g, ffi.typeof("byte_t"))
