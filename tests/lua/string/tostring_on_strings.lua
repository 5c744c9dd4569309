local s = "abc\0\255"
print(tostring(s) == s, #tostring(s))
print(tostring(s):byte(1, -1))
