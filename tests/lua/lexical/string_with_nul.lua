local s = "a\0b\0c"
print(#s, s:byte(2), s:byte(4))
print(s == "a\0b\0c", s == "a\0b")
print(("x\0y"):upper():byte(1, -1))
print(string.len("\0\0\0"))
