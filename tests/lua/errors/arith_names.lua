local function try(f) local ok, e = pcall(f) print(e) end
local up = {}
local t = {s = "x"}
try(function() return g + 1 end)
try(function() local l = {} return 1 + l end)
try(function() return up * 2 end)
try(function() return t.f - 1 end)
try(function() return t.s / 2 end)
try(function() return -t.missing end)
try(function() return t[1] % 2 end)
try(function() return 2 ^ t end)
