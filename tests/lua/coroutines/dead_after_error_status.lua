local co = coroutine.create(function() error("x") end)
print(coroutine.resume(co))
print(coroutine.status(co), coroutine.resume(co))
