print(type(debug.getregistry()))
local f = function() end
print(debug.getfenv(f) == _G)
print(debug.setfenv(f, {}) == f, debug.getfenv(f) == _G)
