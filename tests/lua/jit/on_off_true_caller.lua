-- true stands for the calling function: fine from Lua code, refused when pcall is the caller.
local function f()
  jit.off(true)
  jit.on(true, true)
  jit.flush(true)
  return "ok"
end
print(f())
print(pcall(jit.on, true))
print(pcall(jit.flush, true))
print((jit.status()))
