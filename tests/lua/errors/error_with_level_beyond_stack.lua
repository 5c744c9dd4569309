print(pcall(error, "far", 50))
local function f() error("far in function", 10) end
print(pcall(f))
