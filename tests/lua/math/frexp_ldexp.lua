print(math.frexp(8), math.frexp(0), math.frexp(-3), math.frexp(0.1))
print(math.ldexp(0.5, 4), math.ldexp(1, -1), math.ldexp(3, 0))
