-- A yield inside a callback is refused (it would cross the C frames), as in LuaJIT.
local ffi = require "ffi"
local cb = ffi.cast("int (*)(int)", function(x) coroutine.yield(x) return x end)
local co = coroutine.create(function() return cb(5) end)
print(coroutine.resume(co))
local co2 = coroutine.wrap(function()
  ffi.cdef "void qsort(void *, size_t, size_t, int (*)(const void *, const void *));"
  local a = ffi.new("int[3]", 3, 2, 1)
  ffi.C.qsort(a, 3, 4, function() coroutine.yield("in cmp") return 0 end)
  return "done"
end)
print(pcall(co2))
print(pcall(cb, 2))
