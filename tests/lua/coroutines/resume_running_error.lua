local co
co = coroutine.create(function() return coroutine.resume(co) end)
print(coroutine.resume(co))
print(pcall(coroutine.resume, coroutine.running()))
print(pcall(coroutine.resume, 1))
print(pcall(coroutine.create, 1))
