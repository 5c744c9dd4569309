-- int64/uint64 addition and subtraction wrap around at 64 bits.
local max, min = 0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1
print(max + 1, min - 1, max + max, min + min)
print(0xffffffffffffffffULL + 1, 0ULL - 1, 1ULL - 2)
print(max - min, min - max)
print(1LL + 2.9, 10LL - 0.5, 2.5 + 1LL)
print(1LL + 1ULL, -1LL + 0ULL, 5LL - 10ULL)
print(4294967296LL * 4294967296LL, 3037000500LL * 3037000500LL)
