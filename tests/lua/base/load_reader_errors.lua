print(pcall(load, function() error("reader failed") end))
print(pcall(load, function() return {} end))
local n = 0
print(load(function() n = n + 1 if n == 1 then return "return 'ok'" end return "" end)())
