-- array initializers: values, tables, replication of a single value, VLAs
local ffi = require "ffi"
local function a(t, n) local r = {} for i = 0, n - 1 do r[#r + 1] = tostring(t[i]) end return table.concat(r, ",") end
print(a(ffi.new("int[3]", 1), 3), a(ffi.new("int[3]", 1, 2), 3), a(ffi.new("int[3]", {1, 2}), 3))
print(a(ffi.new("int[3]", {[0] = 7, 8}), 3), a(ffi.new("int[3]", {5}), 3))
print(a(ffi.new("int[?]", 4, 9), 4), a(ffi.new("int[?]", 4, 1, 2), 4), a(ffi.new("int[?]", 3, {1, 2, 3}), 3))
print(pcall(ffi.new, "int[2]", 1, 2, 3))
print(a(ffi.new("double[2]", 0.5), 2))
