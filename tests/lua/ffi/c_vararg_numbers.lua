-- Lua values passed to variadic C functions as LuaJIT passes them.
local ffi = require "ffi"
ffi.cdef [[ int snprintf(char *buf, size_t n, const char *fmt, ...); ]]
local buf = ffi.new("char[256]")
local function f(fmt, ...)
  local n = ffi.C.snprintf(buf, 256, fmt, ...)
  print(n, ffi.string(buf))
end
f("%g %f %.3e", 1.5, -2.25, 12345.678)          -- numbers as double
f("%s|%s", "abc", "")                           -- strings as const char *
f("%lld %llu", 1LL, -1ULL)                      -- 64-bit cdata as themselves
f("%d %d", ffi.new("int", -5), ffi.new("short", -3)) -- narrow integers promoted to int
f("%u", ffi.new("uint8_t", 250))
f("%g", ffi.new("float", 0.5))                  -- float promoted to double
f("%d %d", true, false)                         -- booleans as int
f("%p", nil)
f("%p", ffi.cast("void *", 0x1234))
f("%s", ffi.new("char[4]", "xyz"))              -- arrays decay to pointers
f("%.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
f("%s %g %s %g %lld %g", "a", 1, "b", 2, 3LL, 4)
f("%5.2f|%-6s|%x", math.pi, "ab", ffi.new("unsigned int", 255))
f("%c%c%c", ffi.new("char", 72), ffi.new("char", 105), ffi.new("char", 33))
f("no args")
print(pcall(f, "%p", {}))
print(pcall(f, "%p", print))
print(pcall(ffi.C.snprintf, buf, 256))
