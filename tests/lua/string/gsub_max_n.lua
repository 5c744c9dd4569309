print(("aaaa"):gsub("a", "b", 2))
print(("aaaa"):gsub("a", "b", 2.7))
print(("aaaa"):gsub("a", "b", -1))
print(("aaaa"):gsub("a", "b", "3"))
