local function two() return "a", "b" end
local a, b, c = two()
print(a, b, c)
a, b, c = two(), "x"
print(a, b, c)
a, b, c = "x", two()
print(a, b, c)
a, b = (two())
print(a, b)
