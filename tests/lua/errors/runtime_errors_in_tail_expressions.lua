-- Errors inside the arguments of a tail call happen before the call and keep their position.
local t = {}
local function id(...) return ... end
print(pcall(function() return id(t.a.b) end))
print(pcall(function() return id(1 + {}) end))
print(pcall(function(...) return id(... + 1) end))
print(pcall(function(...) local a = ... return id(a.b) end))
