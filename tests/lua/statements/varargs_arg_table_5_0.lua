-- A vararg function has no implicit 'arg' table in LuaJIT.
local function f(...) return arg end
print(f(1, 2) == _G.arg)
