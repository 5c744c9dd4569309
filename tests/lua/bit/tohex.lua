print(bit.tohex(255), bit.tohex(-1), bit.tohex(0x1234abcd))
print(bit.tohex(255, 2), bit.tohex(255, 4), bit.tohex(255, -4), bit.tohex(0xabcdef, -3))
print(bit.tohex(1, 0), bit.tohex(1, 8), bit.tohex(1, 9), bit.tohex(1, -8), bit.tohex(1, -100))
print(bit.tohex(-1, 3), bit.tohex(2^32 + 0x10))
