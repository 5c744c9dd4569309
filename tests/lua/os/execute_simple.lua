print(type(os.execute()))
print(os.execute("exit 0"))
print(os.execute("exit 3"))
print(os.execute("true"))
