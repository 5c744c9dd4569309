print(pcall(error, 42))
print(pcall(error, 42, 1))
local t = {code = 7}
local ok, e = pcall(error, t)
print(ok, e == t, e.code)
print(pcall(error, true))
print(select("#", pcall(error)))
local ok2, e2 = pcall(function() error(setmetatable({}, {__tostring = function() return "TS" end})) end)
print(ok2, tostring(e2))
