-- jit is a plain table: fields can be read, added and replaced.
local saved = jit.version
jit.extra = 1
print(jit.extra)
jit.extra = nil
jit.version = "x"
print(jit.version)
jit.version = saved
print(jit.version == saved, getmetatable(jit), getmetatable(jit.opt))
