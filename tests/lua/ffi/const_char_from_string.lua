-- a Lua string converts to const char * (bytes plus a terminating NUL)
local ffi = require "ffi"
local p = ffi.cast("const char *", "hello")
print(p[0], p[4], p[5], ffi.string(p), ffi.string(p, 3))
ffi.cdef "struct msg { const char *text; int n; };"
local s = "persist"
local m = ffi.new("struct msg", s, 7)
print(ffi.string(m.text), m.n, ffi.string(m.text, 3))
