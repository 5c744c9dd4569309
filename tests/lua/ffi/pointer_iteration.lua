-- walking an array with a pointer until an end pointer
local ffi = require "ffi"
local n = 8
local a = ffi.new("int[?]", n)
for i = 0, n - 1 do a[i] = i * i end
local p, e = ffi.cast("int *", a), ffi.cast("int *", a) + n
local sum = 0
while p < e do sum = sum + p[0]; p = p + 1 end
print(sum, e - ffi.cast("int *", a))
