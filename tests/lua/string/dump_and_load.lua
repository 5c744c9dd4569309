local function add(a, b) return a + b end
local dumped = string.dump(add)
print(type(dumped), #dumped > 0)
local loaded = loadstring(dumped)
print(loaded(2, 3))
local f2 = load(string.dump(function() return "from dump" end))
print(f2())
print(pcall(string.dump, print))
print(pcall(string.dump))
