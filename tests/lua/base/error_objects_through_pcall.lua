local obj = {}
print(select(2, pcall(error, obj)) == obj)
print(pcall(error, nil))
print(pcall(error, false))
print(pcall(error, print) == false)
