print(string.reverse(123), ("x"):rep(3):reverse())
print(1 .. 2 .. 3, 1.5 .. -2)
print(("a"):rep(3, 1))
