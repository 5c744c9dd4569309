print(bit.bswap(0x12345678), bit.bswap(0xff), bit.bswap(-1))
print(bit.band(2^40 + 3, 0xff), bit.bor(2^53, 1), bit.bxor(-2^31, 1))
print(bit.band(1e300, 1), bit.tobit(0/0) == bit.tobit(0/0), bit.tobit(1/0))
print(bit.band("0xff", "15"), bit.lshift("1", "4"))
