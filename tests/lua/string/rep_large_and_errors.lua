print(#string.rep("ab", 1000), #string.rep("a", 1000, "bc"))
print(pcall(string.rep, "x", "many"))
print(pcall(string.rep, "x", -1e10))
print(string.rep("ab", 2.5), string.rep(5, 2))
