print(bit.lshift(1, 0), bit.lshift(1, 31), bit.lshift(1, 32), bit.lshift(1, 33), bit.lshift(1, -1))
print(bit.rshift(-1, 1), bit.rshift(0x80000000, 31), bit.rshift(1, 32), bit.rshift(256, 36))
print(bit.arshift(-256, 4), bit.arshift(0x80000000, 31), bit.arshift(-1, 40), bit.arshift(256, 4))
print(bit.rol(1, 1), bit.rol(0x80000000, 1), bit.rol(0x12345678, 36), bit.ror(1, 1), bit.ror(0x12345678, -4))
