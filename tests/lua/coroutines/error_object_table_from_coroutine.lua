local err = {reason = "custom"}
local co = coroutine.create(function() coroutine.yield() error(err) end)
coroutine.resume(co)
local ok, e = coroutine.resume(co)
print(ok, e == err, e.reason)
