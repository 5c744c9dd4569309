print(bit.band(0xff, 0x0f), bit.bor(0xf0, 0x0f), bit.bxor(0xff, 0x0f), bit.bnot(0))
print(bit.band(1, 3, 7), bit.bor(1, 2, 4, 8), bit.bxor(1, 3, 7))
print(bit.bnot(5), bit.bnot(-1), bit.band(-1, 0xffffffff))
print(bit.tobit(0xffffffff), bit.tobit(2^32 + 5), bit.tobit(-1), bit.tobit(1.5), bit.tobit(2.5), bit.tobit(-2.5))
