local inf, nan = math.huge, 0/0
print(string.format("[%8f][%-8f][%08f][%+f][% f]", inf, inf, inf, inf, inf))
print(string.format("[%8e][%-8g][%+g][%G][%E]", -inf, -inf, inf, inf, -inf))
print((string.format("[%8f][%g]", nan, nan):gsub("-", "")))
print(string.format("[%d]", inf) ~= nil)
