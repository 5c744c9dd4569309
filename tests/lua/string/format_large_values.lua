local f = string.format
print(f("%.0f", 2^63), f("%.0f", 1e20), f("%.3f", 1e15 + 0.125))
print(f("%d", 1e15), f("%d", -1e15), f("%i", 2^52 + 1))
print(f("%.14g", 2^63), f("%.99f", 1):len())
print(f("%5.3s|%.0s|", "abcdef", "abc"))
