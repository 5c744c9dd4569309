-- jit.flush: nothing, nil, a trace number, a Lua function (with recursive flag).
print(pcall(jit.flush))
print(pcall(jit.flush, nil))
print(pcall(jit.flush, 1))
print(pcall(jit.flush, 1.5))
print(pcall(jit.flush, -3))
print(pcall(jit.flush, function() end))
print(pcall(jit.flush, function() end, true))
print(pcall(jit.flush, nil, true))
