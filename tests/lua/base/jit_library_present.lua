-- LuaJIT's jit library exists as a global and as package.loaded.jit (its functions are the
-- jit/ffi issue's business; this only pins down that scripts can test for it).
print(type(jit), package.loaded.jit == jit)
print(type(jit.on), type(jit.off), type(jit.flush), type(jit.status))
print(type(jit.version), type(jit.version_num), type(jit.os), type(jit.arch))
