-- function declarations and function pointer typedefs parse
local ffi = require "ffi"
ffi.cdef[[
int printf(const char *fmt, ...);
size_t strlen(const char *s);
typedef int (*cmp_fn)(const void *, const void *);
void qsort(void *base, size_t n, size_t size, cmp_fn cmp);
]]
print(ffi.typeof("cmp_fn"), ffi.sizeof("cmp_fn"))
