-- jit.status ignores its arguments.
print(jit.status(1))
print(jit.status(function() end))
print(jit.status(nil, "x"))
