-- __pairs is a Lua 5.2 feature; LuaJIT without 5.2 compat ignores it.
local t = setmetatable({a = 1}, {__pairs = function() return function() return nil end, nil, nil end})
local n = 0 for k in pairs(t) do n = n + 1 end print(n)
