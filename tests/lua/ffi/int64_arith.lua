-- int64/uint64 arithmetic wraps; division by zero as LuaJIT
local ffi = require "ffi"
print(1LL + 2, 2^62 * 1LL, 5LL / 2, -5LL / 2, 5LL % 3, -5LL % 3, 2LL ^ 10, 1ULL - 2, 3LL * 1.5)
print(0x7fffffffffffffffLL + 1, -0x7fffffffffffffffLL - 2)
print(0xffffffffffffffffULL + 1, 0ULL - 1)
print(1LL % 0, 1ULL % 0, 1ULL / 0, -1LL / 0, 5ULL ^ 2, 2LL ^ -1, 0LL ^ 0, (-1LL) ^ 3, (-1LL) ^ -3)
print(-(5LL), -(0x8000000000000000LL))
