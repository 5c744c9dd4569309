-- the bit library on 64-bit cdata (LuaJIT 2.1): 64-bit results, uint64_t when an argument is unsigned
local ffi = require "ffi"
print(bit.band(0xffLL, 3), bit.bor(1ULL, 2LL), bit.lshift(1LL, 40), bit.rshift(-1LL, 60), bit.arshift(-16LL, 2))
print(bit.bnot(0LL), bit.tobit(0x100000001LL), bit.tohex(255LL), bit.tohex(-1LL, 4), bit.bswap(1LL))
print(bit.rol(1LL, 65), bit.ror(1ULL, 1), bit.bxor(5LL, 1, 2), bit.lshift(1, 40), bit.band(1LL, 2^33 + 1), bit.tohex(1LL, -8))
print(bit.tohex(0xabcdefLL, -16), bit.band(ffi.new("uint64_t", 7), 5))
