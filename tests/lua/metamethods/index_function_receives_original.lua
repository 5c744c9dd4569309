local proxy = {}
local base = setmetatable({}, {__index = function(self, k) return self == proxy and "proxy" or "base" end})
setmetatable(proxy, {__index = base})
print(proxy.x, base.x)
