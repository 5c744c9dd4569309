local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
print(debug.traceback(co, "coroutine tb"))
print(debug.traceback(co, "lvl", 1))
