print(getfenv() == _G, getfenv(0) == _G, getfenv(1) == _G)
local env = setmetatable({}, {__index = _G})
local function inner() return getfenv(2) end
local function outer() return inner() end
setfenv(outer, env)
print(outer() == env)
print(getfenv(print) == _G)
print(pcall(getfenv, 100))
print(pcall(getfenv, -1))
