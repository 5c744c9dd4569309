-- 64-bit integer literals
local ffi = require "ffi"
print(1LL, 2ULL, -1LL, 0xffffffffffffffffULL, 0x10ull, 0x7fffffffffffffffLL, 9223372036854775807LL)
print(12ULL, 0LL, 1llu)
