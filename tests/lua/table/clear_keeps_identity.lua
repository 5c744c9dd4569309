local clear = require("table.clear")
local t = setmetatable({1, 2, 3, a = 1}, {__index = function() return "meta" end})
local same = t
clear(t)
print(same == t, rawget(t, 1), t.a, #t, getmetatable(t) ~= nil)
t[1] = "again"
print(t[1], #t)
