-- qsort with Lua comparator callbacks (ints, doubles); an error in the callback reaches pcall
local ffi = require "ffi"
ffi.cdef[[
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
]]
local n = 10
local a = ffi.new("int[?]", n, {5, 3, 9, 1, 7, 2, 8, 6, 4, 0})
local calls = 0
ffi.C.qsort(a, n, ffi.sizeof("int"), function(x, y)
  calls = calls + 1
  local p, q = ffi.cast("const int *", x)[0], ffi.cast("const int *", y)[0]
  return p < q and -1 or (p > q and 1 or 0)
end)
local t = {}
for i = 0, n - 1 do t[#t + 1] = a[i] end
print(table.concat(t, " "), calls > 0)
local d = ffi.new("double[4]", 2.5, -1, 3.25, 0)
ffi.C.qsort(d, 4, 8, function(x, y)
  local p, q = ffi.cast("const double *", x)[0], ffi.cast("const double *", y)[0]
  return p < q and 1 or (p > q and -1 or 0)
end)
print(d[0], d[1], d[2], d[3])
print(pcall(ffi.C.qsort, a, n, 4, function(x, y) error("boom") end))
