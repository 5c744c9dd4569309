-- __attribute__ forms LuaJIT accepts: packed, aligned, mode, __asm__
local ffi = require "ffi"
ffi.cdef[[
struct __attribute__((packed)) pk { char c; int i; };
struct al { char c; } __attribute__((aligned(16)));
struct fa { char c; int i __attribute__((aligned(8))); };
typedef int myint __attribute__((mode(SI)));
extern int foo(int) __asm__("foo_impl");
]]
print(ffi.sizeof("struct pk"), ffi.offsetof("struct pk", "i"))
print(ffi.sizeof("struct al"), ffi.alignof("struct al"))
print(ffi.sizeof("struct fa"), ffi.offsetof("struct fa", "i"))
print(ffi.sizeof("myint"))
