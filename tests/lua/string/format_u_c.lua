local f = string.format
print(pcall(f, "%u", 42))
print(f("%c%c%c", 76, 117, 97), #f("%c", 0), f("%5c|%-5c|", 65, 66))
print(f("%c", 256 + 65) == "A", #f("%c", 255))
