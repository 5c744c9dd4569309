local f = loadstring("y = 10 return y")
local env = {}
setfenv(f, env)
print(f(), env.y, y)
local g = loadstring("return ...")
print(g(1, 2))
