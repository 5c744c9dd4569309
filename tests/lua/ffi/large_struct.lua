-- a struct with many members
local ffi = require "ffi"
local parts = {}
for i = 1, 50 do parts[#parts + 1] = "int f" .. i .. ";" end
ffi.cdef("struct big {" .. table.concat(parts) .. "};")
local b = ffi.new("struct big")
for i = 1, 50 do b["f" .. i] = i end
local s = 0
for i = 1, 50 do s = s + b["f" .. i] end
print(ffi.sizeof("struct big"), s)
