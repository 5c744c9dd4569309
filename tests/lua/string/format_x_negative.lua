local f = string.format
print(f("%x", -1), f("%X", -255), f("%o", -1))
print(f("%x", 2^32), f("%x", 2^40 + 15))
