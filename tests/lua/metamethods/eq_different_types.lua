-- __eq is only tried when both operands are tables (or both userdata).
local mt = {__eq = function() return true end}
local t = setmetatable({}, mt)
local u = newproxy(true)
getmetatable(u).__eq = mt.__eq
print(t == u, t == 1, t == nil)
local v = newproxy(true)
getmetatable(v).__eq = mt.__eq
print(u == v)
