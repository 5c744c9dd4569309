local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
local function val(a) return type(a) == "table" and a.x or a end
for _, op in ipairs({"add", "sub", "mul", "div", "mod", "pow"}) do
  mt["__" .. op] = function(a, b) return op .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
mt.__unm = function(a, b) return "unm(" .. val(a) .. "," .. tostring(val(b)) .. ")" end
local a = V(1)
print(a + 2, 3 + a, a - a, a * "s", "s" / a, a % 4, 2 ^ a, -a)
