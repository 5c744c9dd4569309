-- metatype methods apply through pointers; a metatype is set once
local ffi = require "ffi"
ffi.cdef"struct cnt { int n; };"
ffi.metatype("struct cnt", { __index = { inc = function(self) self.n = self.n + 1 end } })
local c = ffi.new("struct cnt")
local p = ffi.cast("struct cnt *", c)
p:inc(); p:inc(); c:inc()
print(c.n, p.n)
print(pcall(ffi.metatype, "struct cnt", {}))
print(pcall(ffi.metatype, "int", {}))
