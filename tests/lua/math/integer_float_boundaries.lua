print(math.floor(-2^31 - 0.5), math.ceil(2^31 + 0.5))
print(math.floor(1e100) == 1e100, math.fmod(2^53, 3))
print(math.floor(-0.5), math.ceil(-0.5), math.floor(0.5))
