-- cdata are table keys by identity
local ffi = require "ffi"
local a, b = ffi.new("int[1]"), ffi.new("int[1]")
local t = {}
t[a] = "a"; t[b] = "b"
print(t[a], t[b], rawequal(a, a), rawequal(a, b))
local n = 0
for k, v in pairs(t) do n = n + 1 end
print(n)
