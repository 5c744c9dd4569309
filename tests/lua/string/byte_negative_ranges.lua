local s = "abcdef"
print(s:byte(-3, -1))
print(s:byte(-100, 2))
print(s:byte(5, 100))
print(s:byte(3, 2))
print(s:byte(1.9), s:byte("2"))
