local t = setmetatable({}, {__call = function(self, ...) return select("#", ...), ... end})
print(t())
print(t(nil, nil, 3))
local function tail(...) return t(...) end
print(tail(1, 2))
