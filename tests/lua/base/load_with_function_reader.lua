local parts = {"return ", "'pie", "ces'", nil}
local i = 0
local f = load(function() i = i + 1 return parts[i] end)
print(f())
print(load(function() return nil end) ~= nil)
local f2, e2 = load(function() return nil end, "=empty")
print(type(f2), e2, f2())
print(load("return 5", "=named")())
print(pcall(load("error('x')", "=named")))
