-- "1 .. 2" is concatenation; numbers need spaces before ..
print(1 .. 2, 1.5 .. "x", 10 .. "")
print(type(1 .. 2))
