print(getmetatable({}), getmetatable(1), getmetatable(nil), getmetatable(print))
print(getmetatable("s") == getmetatable("t"))
local mt = {}
print(getmetatable(setmetatable({}, mt)) == mt)
print(pcall(getmetatable))
