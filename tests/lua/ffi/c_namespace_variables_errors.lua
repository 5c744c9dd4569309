-- C namespaces: missing libraries and symbols, declared variables read and written, constants.
local ffi = require "ffi"
ffi.cdef [[
int no_such_function_xyz(int);
int compress(void *, unsigned long *, const void *, unsigned long);
extern int opterr;
extern const int optind;
enum { NS_KONST = 3 };
]]
print(pcall(ffi.load, "no_such_library_xyz"))
print(pcall(ffi.load, "/nonexistent/libfoo.so"))
local z = ffi.load("z")
print(type(z), z.compress ~= nil)
print(pcall(function() return z.no_such_function_xyz end))
print(ffi.load("libz.so.1").compress ~= nil)
print(pcall(function() return ffi.C.undeclared_abc end))
print(ffi.C.opterr, ffi.C.NS_KONST)
ffi.C.opterr = 0 print(ffi.C.opterr)
ffi.C.opterr = 1 print(ffi.C.opterr)
print(pcall(function() ffi.C.NS_KONST = 1 end))
print(pcall(function() ffi.C.nothing_declared = 1 end))
print(pcall(function() ffi.C.optind = 1 end))
print(pcall(function() ffi.C.opterr = "x" end))
print(pcall(function() z.compress = 1 end))
