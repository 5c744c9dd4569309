-- A failing call in tail position still reports the position of the return statement.
print(pcall(function() local x return x() end))
print(pcall(function() return undefinedfn() end))
print(pcall(function() local t = {} return t.m() end))
print(pcall(function() local t = {} return t:m() end))
print(pcall(function() local t = setmetatable({}, {__call = 1}) return t() end))
print(pcall(function() return ("x")() end))
print(xpcall(function() local x = nil; return x() end, function(m) return "H:" .. m end))
