local w = coroutine.wrap(function() coroutine.yield(1) end)
w() w()
local ok, e = pcall(w)
print(ok, e)
