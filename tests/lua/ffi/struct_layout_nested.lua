-- nested structs and arrays of structs
local ffi = require "ffi"
ffi.cdef[[
struct inner { char c; short s; };
struct outer { char a; struct inner in1; double d; struct inner arr[3]; };
]]
print(ffi.sizeof("struct inner"), ffi.sizeof("struct outer"), ffi.alignof("struct outer"))
for _, f in ipairs{"a","in1","d","arr"} do print(f, ffi.offsetof("struct outer", f)) end
