print(math.huge, -math.huge)
local nan = 0/0
print(tostring(nan) == tostring(nan), nan ~= nan)
print(tostring(-(0/0)):gsub("-", "") )
print(string.format("%.1f", math.huge), string.format("%d", 3))
