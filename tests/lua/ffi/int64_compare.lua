-- ordering between 64-bit integers and numbers
local ffi = require "ffi"
print(1LL < 2, 1LL < 1.5, 1ULL < -1LL, 2LL <= 2, 3LL > 2LL, -1LL < 0)
print(0xffffffffffffffffULL > 1ULL, 5LL >= 5.9)
