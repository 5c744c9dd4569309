-- storing doubles into int truncates; out of range gives INT_MIN
local ffi = require "ffi"
local s = ffi.new("int[1]")
for _, v in ipairs{3.9, -3.9, 2^31, 2^32 + 5, -2^31, 0.5, -0.5} do s[0] = v; print(v, s[0]) end
s[0] = true print(s[0])
s[0] = false print(s[0])
