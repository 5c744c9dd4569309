local f = string.format
print(f("%a|%A", 1, 1))
print(f("%a|%a|%a", 0.5, -2, 0))
print(f("%.2a|%a", 1/3, 1e-300))
