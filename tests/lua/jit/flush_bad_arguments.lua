-- jit.flush refuses strings (even numeric ones), booleans, tables and host functions.
print(pcall(jit.flush, "1"))
print(pcall(jit.flush, true))
print(pcall(jit.flush, {}))
print(pcall(jit.flush, print))
