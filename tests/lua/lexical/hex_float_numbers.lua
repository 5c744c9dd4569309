-- LuaJIT accepts hex fractions and binary exponents.
print(0x1p4, 0x1P-1, 0x.8, 0xA.8p0)
print(0x1.8p1)
print(tonumber("0x1p4"), tonumber("0x.1"))
