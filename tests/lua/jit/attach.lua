-- jit.attach registers and detaches handlers; argument checks as LuaJIT.
local function h() end
print(pcall(jit.attach, h, "trace"))
print(pcall(jit.attach, h, "bc"))
print(pcall(jit.attach, h))
print(pcall(jit.attach))
print(pcall(jit.attach, 1))
print(select("#", jit.attach(h, "record")))
jit.attach(h)
