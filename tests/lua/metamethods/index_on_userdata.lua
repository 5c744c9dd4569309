local p = newproxy(true)
local mt = getmetatable(p)
mt.__index = function(_, k) return "ud." .. k end
mt.__newindex = function(_, k, v) rawset(_G, "stored_" .. k, v) end
mt.__call = function(_, a) return "called with " .. a end
mt.__tostring = function() return "proxy!" end
print(p.name, p(1), tostring(p))
p.value = 9
print(stored_value)
mt.__concat = function(a, b) return "cat" end
print(p .. "x", "x" .. p)
