local function lvl(n) error("msg", n) end
local function caller(n) lvl(n) end
print(pcall(caller, 0))
print(pcall(caller, 1))
print(pcall(caller, 2))
print(pcall(caller, 3))
print(pcall(error, "direct"))
print(pcall(error, "direct", 2))
print(pcall(error))
print(pcall(error, nil))
