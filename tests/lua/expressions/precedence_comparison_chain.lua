print(pcall(loadstring("return 1 < 2 < 3")))
print(1 < 2 == (2 > 1), (1 == 1) == true)
print("abc" < "abd", "Z" < "a", "" < "a", "a" < "aa")
