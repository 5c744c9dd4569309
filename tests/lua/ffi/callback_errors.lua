-- Errors inside callbacks surface from the C call that ran them; bad results are conversion errors.
local ffi = require "ffi"
ffi.cdef "void qsort(void *, size_t, size_t, int (*)(const void *, const void *));"
local arr = ffi.new("int[4]", 4, 3, 2, 1)
print(pcall(ffi.C.qsort, arr, 4, 4, function() error("from callback") end))
local ok, e = pcall(ffi.C.qsort, arr, 4, 4, function() error({ code = 1 }) end)
print(ok, type(e), e.code)
local cb = ffi.cast("int (*)(int)", function(x) if x < 0 then error("negative") end return x end)
print(cb(5), pcall(cb, -1))
print(cb(6))
local ok = pcall(ffi.C.qsort, arr, 4, 4, function(a, b)
  return ffi.cast("const int *", a)[0] - ffi.cast("const int *", b)[0] end)
print(ok, arr[0], arr[1], arr[2], arr[3])
