local t = setmetatable({1, 2, 3}, {__unm = function() return "negated" end, __len = function() return 99 end})
print(-t)
-- __len is ignored for tables (Lua 5.1 semantics).
print(#t)
local u = newproxy(true)
getmetatable(u).__len = function() return 42 end
print(#u)
