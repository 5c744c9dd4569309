-- calling a ctype constructs an object; __call on a metatype
local ffi = require "ffi"
local int_t = ffi.typeof("int[?]")
local a = int_t(3, 7)
print(a[0], a[2], ffi.sizeof(a))
ffi.cdef "struct callme { int n; };"
local C = ffi.metatype("struct callme", { __call = function(self, x) return self.n + x end })
local c = C(10)
print(c.n, c(5))
print(pcall(function() local s = ffi.new("struct { int a; }") return s() end))
