-- bit library on 64-bit cdata (LuaJIT 2.1 semantics).
local bit = require "bit"
print(bit.band(0xff00ff00ff00ff00ULL, 0x0ff00ff00ff00ff0ULL))
print(bit.bor(1LL, 2LL, 4LL), bit.bxor(0xffLL, 0x0fLL), bit.bnot(0LL), bit.bnot(0ULL))
print(bit.lshift(1LL, 63), bit.lshift(1LL, 64), bit.rshift(-1LL, 60), bit.arshift(-16LL, 2))
print(bit.rol(0x8000000000000001ULL, 1), bit.ror(1LL, 1), bit.bswap(0x0102030405060708LL))
print(bit.tohex(-1LL), bit.tohex(255LL, 4), bit.tohex(255LL, -4), bit.tohex(0x1234ULL))
print(bit.tobit(0x100000001LL), bit.band(1LL, 3), bit.band(3, 1ULL))
print(bit.lshift(1, 40), bit.lshift(1LL, 40))
