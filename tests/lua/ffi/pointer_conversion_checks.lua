-- implicit pointer conversions are checked as LuaJIT checks them
local ffi = require "ffi"
ffi.cdef "struct A { int x; }; struct B { int y; }; struct H { int *ip; char *cp; const char *ccp; void *vp; struct A *ap; };"
local h = ffi.new("struct H")
local ia = ffi.new("int[2]")
local ca = ffi.new("char[2]")
local function t(f) print(pcall(f)) end
t(function() h.cp = ia end)
t(function() h.ip = ca end)
t(function() h.vp = ia end)
t(function() h.ip = ffi.cast("void *", ia) end)
t(function() h.cp = ffi.cast("const char *", ca) end)
t(function() h.ccp = ca end)
t(function() h.ap = ffi.new("struct B") end)
t(function() h.ap = ffi.new("struct A") end)
t(function() h.ip = ffi.cast("unsigned int *", ia) end)
t(function() h.cp = ffi.cast("unsigned char *", ca) end)
t(function() h.ip = 0 end)
t(function() h.ip = ffi.new("int64_t", 0) end)
