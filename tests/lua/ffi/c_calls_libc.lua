-- calling libc through ffi.C: integers, strings, pointers, doubles, variadic snprintf
local ffi = require "ffi"
ffi.cdef[[
size_t strlen(const char *s);
void *memcpy(void *dst, const void *src, size_t n);
int getpid(void);
int snprintf(char *buf, size_t n, const char *fmt, ...);
double sqrt(double x);
int abs(int x);
int atoi(const char *s);
char *strchr(const char *s, int c);
int strcmp(const char *a, const char *b);
]]
print(ffi.C.strlen("hello"), ffi.C.abs(-5), ffi.C.atoi("1234"), ffi.C.sqrt(2))
local a, b = ffi.new("char[8]", "abc"), ffi.new("char[8]")
ffi.C.memcpy(b, a, 4)
print(ffi.string(b))
print(type(ffi.C.getpid()), ffi.C.getpid() > 0)
local buf = ffi.new("char[64]")
local n = ffi.C.snprintf(buf, 64, "%s-%d-%s", "x", ffi.new("int", 42), "y")
print(n, ffi.string(buf))
print(ffi.string(ffi.C.strchr("hello", 108)), ffi.C.strchr("hello", 122) == nil and "" or "")
print(ffi.C.strcmp("a", "b") < 0, ffi.C.strcmp("b", "b"))
