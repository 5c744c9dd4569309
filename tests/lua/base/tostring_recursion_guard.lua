local t = setmetatable({}, {__tostring = function(self) return "outer(" .. tostring(rawget(self, "inner") or "none") .. ")" end})
rawset(t, "inner", setmetatable({}, {__tostring = function() return "inner" end}))
print(tostring(t))
