local calls = 0
local t = setmetatable({present = 1}, {__index = function(self, k) calls = calls + 1 return tostring(k) .. "!" end})
print(t.present, t.x, t[1], t[true], calls)
local u = setmetatable({}, {__index = function(_, k) return nil end})
print(u.anything)
