local s = "0123456789"
print(s:sub(2^31), s:sub(-2^31), s:sub(3, 2^31), s:sub(-2^53, 2))
print(s:sub(1.5, 3.5), s:sub(-1.5))
print(s:sub(0, 0), s:sub(10, 10), s:sub(11, 11))
