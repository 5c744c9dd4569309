local s = "hello world"
print(s:sub(1, 5), s:sub(7), s:sub(-5), s:sub(-5, -3), s:sub(0), s:sub(3, 2))
print(s:sub(-100, 3), s:sub(5, 100), s:sub(12), s:sub(11, 11))
print(s:sub(2.7, 4.2))
print(s:sub("2", "3"))
print(("x"):sub(1, -2) == "", ("abc"):sub(-1, -1))
print(pcall(string.sub, "x", "a"))
