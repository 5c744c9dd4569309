print(pcall(coroutine.resume))
print(pcall(coroutine.status, {}))
print(pcall(coroutine.wrap, "x"))
print(pcall(coroutine.yield))
