-- Structs over 16 bytes are MEMORY class: returned through a hidden pointer (first integer
-- argument) and passed on the stack. memcpy and snprintf declared to expose exactly that.
local ffi = require "ffi"
ffi.cdef [[
typedef struct { long a, b, c; } big3;
typedef struct { char s[40]; } text40;
big3 memcpy(const void *src, size_t n);
text40 strncpy(const char *src, size_t n);
int snprintf(char *buf, size_t n, const char *fmt, long x, long y, long z, big3 s);
]]
local C = ffi.C
local src = ffi.new("long[3]", 11, -22, 33)
local b = C.memcpy(src, 24)
print(b.a, b.b, b.c, ffi.sizeof(b))
local t = C.strncpy("hello, world", 40)
print(ffi.string(t.s))
local buf = ffi.new("char[100]")
local n = C.snprintf(buf, 100, "%ld %ld %ld %ld %ld %ld", 1, 2, 3, ffi.new("big3", 7, 8, 9))
print(n, ffi.string(buf))
n = C.snprintf(buf, 100, "%ld %ld %ld %ld %ld %ld", 4, 5, 6, {100, 200, 300})
print(n, ffi.string(buf))
