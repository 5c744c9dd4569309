-- Order in which __newindex fires for a multiple assignment (LuaJIT assigns right to left).
local log = {}
local t = setmetatable({}, {__newindex = function(_, k, v) log[#log + 1] = k .. "=" .. v end})
t.a, t.b, t.c = 1, 2, 3
print(table.concat(log, " "))
