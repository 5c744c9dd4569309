local nan = 0/0
print(nan < 1, nan > 1, nan <= nan, nan >= nan, nan == nan, nan ~= nan)
print(-0.0 < 0, -0.0 <= 0, math.huge > 2^1023, -math.huge < -2^1023)
print(1 < 1.0000000000000002, 2^53 < 2^53 + 1)
