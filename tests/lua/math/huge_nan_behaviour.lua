print(math.floor(math.huge), math.ceil(-math.huge))
print(math.max(1, 0/0) ~= math.max(1, 0/0), math.min(0/0, 1))
print(math.fmod(1, 0) ~= math.fmod(1, 0), math.fmod(math.huge, 1) ~= math.fmod(math.huge, 1))
print(math.abs(-math.huge), math.sqrt(math.huge))
