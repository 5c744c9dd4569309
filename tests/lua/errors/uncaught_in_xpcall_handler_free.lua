local ok = xpcall(function() error("handled") end, function(m) return m end)
print(ok)
local t = nil
print(t[1])
