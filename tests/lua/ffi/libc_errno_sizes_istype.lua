-- Assorted libc calls, errno, sizes and istype, and conversion errors through ffi.new.
local ffi = require "ffi"
ffi.cdef [[
long strtol(const char *s, char **end, int base);
int *__errno_location(void);
typedef struct { int x, y; } pt;
pt *calloc(size_t, size_t);
void free(void *);
int abs(int);
extern char **environ;
]]
local endp = ffi.new("char *[1]")
print(ffi.C.strtol("123abc", endp, 10), ffi.string(endp[0]))
ffi.errno(0)
print(ffi.C.strtol("99999999999999999999999", nil, 10), ffi.errno())
print(ffi.C.__errno_location()[0] == ffi.errno())
local p = ffi.gc(ffi.C.calloc(4, ffi.sizeof("pt")), ffi.C.free)
p[3].y = 9 print(p[3].y, p[0].x)
print(ffi.cast("intptr_t", ffi.cast("void *", 12345)), tonumber(ffi.cast("uintptr_t", ffi.cast("int *", 8))))
print(type(ffi.C.environ), ffi.C.environ ~= nil)
print(ffi.abi("64bit"), ffi.abi("le"), ffi.abi("be"), ffi.abi("win"), ffi.abi("eabi"), ffi.abi("uwp"))
print(pcall(ffi.abi, 1))
print(ffi.sizeof("long"), ffi.sizeof("long long"), ffi.sizeof("size_t"), ffi.sizeof("void *"), ffi.sizeof("wchar_t"))
print(ffi.alignof("double"), ffi.alignof("long long"), ffi.alignof("struct { char c; }"))
local S = ffi.typeof("struct { int a[3]; }")
local s = S({{1, 2, 3}}) print(s.a[0], s.a[2], #tostring(s) > 0)
print(ffi.istype("int", 1), ffi.istype("int", ffi.new("int")), ffi.istype("const int", ffi.new("int")), ffi.istype("int *", ffi.new("int[2]")))
print(ffi.istype(S, s), ffi.istype(S, ffi.new("struct { int a[3]; }")))
local cp = ffi.cast("char *", ffi.new("char[4]", "ab"))
print(pcall(function() cp[0] = "x" end))
print(pcall(function() cp[0] = 65 end), ffi.string(cp))
print(pcall(ffi.new, "int", nil))
print(pcall(ffi.new, "struct { int a; }", nil))
print(pcall(ffi.new))
print(pcall(ffi.new, "nope_t"))
print(pcall(ffi.sizeof, "struct undefined_s"))
print(ffi.sizeof("struct undefined_s2"))
