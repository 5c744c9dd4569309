local function try(f) local ok, e = pcall(f) print(e) end
local up
try(function() return #g end)
try(function() local l return #l end)
try(function() return #up end)
try(function() local t = {} return #t.x end)
try(function() return #5 end)
