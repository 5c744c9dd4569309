local function try(f) local ok, e = pcall(f) print(e) end
try(function() string.byte({}) end)
try(function() ("x"):byte({}) end)
try(function() local up = string.len up() end)
try(function() math.max() end)
try(function() table.sort({3, 1, 2}, 5) end)
try(function() tostring() end)
try(function() select() end)
try(function() unpack(nil) end)
