print(math.max(3, 1, 2), math.max(-1, -5), math.max(1.5, 1), math.max(0, -0.0), math.max(-0.0, 0))
print(math.min(3, 1, 2), math.min(-1, -5), math.min(1, "0.5"))
print(math.max(1, math.huge), math.min(-math.huge, 0))
