local s = "\192\224\255abcXYZ"
print(s:upper():byte(1, -1))
print(s:lower():byte(1, -1))
