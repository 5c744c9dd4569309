print(type(os.clock()), os.clock() >= 0)
print(os.getenv("THIS_VARIABLE_IS_NOT_SET_12345"))
print(type(os.getenv("PATH")))
print(pcall(os.getenv))
