-- A numeric message gets a position prefix and becomes a string.
local ok, e = pcall(function() error(12) end)
print(ok, e, type(e))
local ok2, e2 = pcall(function() error(12, 0) end)
print(ok2, e2, type(e2))
