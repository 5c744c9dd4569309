local t = {s = "abc", n = "10"}
print(pcall(function() return t.s + 1 end))
print(t.n + 1)
print(pcall(function() return -t.s end))
local up = "x"
print(pcall(function() return up * 2 end))
