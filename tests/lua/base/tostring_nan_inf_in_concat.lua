print("v=" .. 1/0, "v=" .. -1/0)
print(string.format("%s %s", 1/0, -1/0))
print(tostring(1/0), tostring(-1/0))
