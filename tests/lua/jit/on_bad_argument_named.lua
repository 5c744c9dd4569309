-- The error names the function as called.
print(pcall(function() jit.on(42) end))
print(pcall(function() jit.off("x") end))
print(pcall(function() jit.flush(true) end))
