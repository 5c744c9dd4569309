local function try(f) local ok, e = pcall(f) print(e) end
try(function() return 1 < nil end)
try(function() return nil < 1 end)
try(function() return "a" < 1 end)
try(function() return {} <= {} end)
try(function() return print < print end)
try(function() return 1 > "x" end)
try(function() return true >= 1 end)
try(function() return coroutine.create(print) < 1 end)
