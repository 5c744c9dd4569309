-- function pointer types print as LuaJIT prints them
local ffi = require "ffi"
print(ffi.typeof("int(*)(int)"))
print(ffi.typeof("void (*)(void)"))
print(ffi.typeof("int (*)(const char *, ...)"))
print(ffi.sizeof("int(*)(int)"))
