print(math.sqrt(2) * math.sqrt(2) == 2, math.sqrt(2) * math.sqrt(2))
print(string.format("%.17g", math.sqrt(2)), string.format("%.17g", math.pi))
print(math.sqrt(0), math.sqrt(-0.0), 1e308 * 10 == math.huge)
print(0.1 * 3, 0.1 * 3 == 0.3, 1 - 0.9)
