print(bit.band("255", "0x0f"), bit.bor(" 1 ", 2), bit.tobit("4294967295"))
print(pcall(bit.band, "1", "two"))
print(bit.tohex("255"), bit.lshift(1, "3"))
