print(- -1, not not 1, - - -2, #"abc" - -1)
print(-(-(2)) ^ 2, -2 ^ -2)
print(not 1 == nil, not (1 == nil))
