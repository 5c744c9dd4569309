-- conversion errors with LuaJIT wording
local ffi = require "ffi"
ffi.cdef"struct CEI { int x; }; struct CE { int a; char *p; const char *cp; struct CEI inner; };"
local s = ffi.new("struct CE")
print(pcall(function() s.a = nil end))
print(pcall(function() s.a = "x" end))
print(pcall(function() s.a = {} end))
print(pcall(function() s.p = 1 end))
print(pcall(function() s.p = "abc" end))
print(pcall(function() s.inner = 1 end))
print(pcall(function() s.zz = 1 end))
print(pcall(function() return s.zz end))
s.cp = "hello" print(ffi.string(s.cp))
