local function try(f) local ok, e = pcall(f) print(e) end
local loc
try(function() return undefinedglobal.x end)
try(function() local l return l.x end)
try(function() return loc.x end)
local t = {}
try(function() return t.field.x end)
try(function() return t[1].x end)
try(function() return t.a.b.c end)
try(function() local s = "k" return t[s].x end)
