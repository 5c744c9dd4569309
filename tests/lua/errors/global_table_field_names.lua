local function try(f) local ok, e = pcall(f) print(e) end
try(function() return string.nofunc() end)
try(function() return math.nothing.x end)
try(function() return os.x + 1 end)
try(function() return io.nothing .. "" end)
