print(bit.bor(0x80000000, 0), bit.lshift(3, 30), bit.bnot(0x7fffffff))
print(bit.rshift(bit.lshift(0xdead, 16), 16), bit.arshift(bit.lshift(0xdead, 16), 16))
for i = 0, 35, 7 do io.write(bit.lshift(0x11, i), " ") end print()
