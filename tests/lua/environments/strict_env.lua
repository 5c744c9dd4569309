local env = setmetatable({}, {
  __index = function(_, k) error("undefined variable " .. k, 2) end,
  __newindex = function(t, k, v) rawset(t, k, v) end,
})
local f = loadstring("a = 1 return a + (b or 0)")
setfenv(f, env)
print(pcall(f))
