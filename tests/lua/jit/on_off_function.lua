-- A Lua function (optionally recursive) is accepted and the global mode is unchanged.
local function f() return 1 end
print(pcall(jit.off, f))
print(pcall(jit.off, f, true))
print(pcall(jit.on, f))
print(pcall(jit.on, f, true))
print((jit.status()), f())
