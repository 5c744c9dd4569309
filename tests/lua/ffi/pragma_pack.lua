-- #pragma pack forms
local ffi = require "ffi"
ffi.cdef[[
#pragma pack(push, 1)
struct p1 { char c; int i; double d; };
#pragma pack(pop)
struct p2 { char c; int i; };
#pragma pack(2)
struct p3 { char c; int i; };
#pragma pack()
struct p4 { char c; int i; };
]]
print(ffi.sizeof("struct p1"), ffi.offsetof("struct p1", "i"), ffi.offsetof("struct p1", "d"))
print(ffi.sizeof("struct p2"), ffi.sizeof("struct p3"), ffi.offsetof("struct p3", "i"), ffi.sizeof("struct p4"))
