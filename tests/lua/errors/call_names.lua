local function try(f) local ok, e = pcall(f) print(e) end
local up
local t = {}
try(function() nofunc() end)
try(function() local l l() end)
try(function() up() end)
try(function() t.field() end)
try(function() t:method() end)
try(function() t[1]() end)
try(function() ("x")() end)
try(function() t.a = 5 t.a() end)
