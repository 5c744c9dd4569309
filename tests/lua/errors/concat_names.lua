local function try(f) local ok, e = pcall(f) print(e) end
local up
local t = {}
try(function() return "a" .. g end)
try(function() local l return l .. "a" end)
try(function() return up .. "a" end)
try(function() return "x" .. t.f end)
try(function() return t .. "x" end)
try(function() return "a" .. true end)
try(function() return 1 .. {} .. "x" end)
