-- enum members take constant names as strings
local ffi = require "ffi"
ffi.cdef[[ enum mode { M_OFF, M_ON }; struct dev { enum mode m; int n; }; ]]
local d = ffi.new("struct dev")
d.m = "M_ON"
print(tostring(d.m))
print(pcall(function() d.m = "M_NONE" end))
print(tostring(d.m))
d.m = 0
print(tostring(d.m))
