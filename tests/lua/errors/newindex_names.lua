local function try(f) local ok, e = pcall(f) print(e) end
local up
try(function() undefinedglobal.x = 1 end)
try(function() local l l.x = 1 end)
try(function() up.x = 1 end)
local t = {}
try(function() t.field.x = 1 end)
try(function() t[1][2] = 1 end)
