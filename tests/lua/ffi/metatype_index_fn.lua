-- ffi.metatype __index/__newindex functions
local ffi = require "ffi"
ffi.cdef"struct bag { int n; };"
ffi.metatype("struct bag", { __index = function(b, k) return k .. "!" .. b.n end,
  __newindex = function(b, k, v) b.n = b.n + v end })
local b = ffi.new("struct bag", 1)
print(b.anything)
b.extra = 5
print(b.n, b.other)
