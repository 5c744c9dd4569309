local function eq() return true end
local mt = {__eq = eq}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, a ~= b)
local c = setmetatable({}, {__eq = eq})
print(a == c)
local d = setmetatable({}, {__eq = function() return true end})
print(a == d)
print(a == 1, a == "x")
local e = setmetatable({}, {})
print(a == e, e == a)
