-- .. is right associative and binds looser than arithmetic.
print(1 .. 2 + 3)
print("a" .. "b" .. "c" == "abc")
print(2 .. 3 ^ 2)
print("x" .. 1 + 2 .. "y")
print(pcall(function() return "a" .. {} end))
