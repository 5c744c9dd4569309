local env = {x = 5}
local f = load("return x", "=withenv", "t", env)
print(f and f())
local g, err = load("return 1", "=binary only", "b")
print(g, err)
local dumped = string.dump(function() return "bin" end)
local h, err2 = load(dumped, "=text only", "t")
print(h, err2)
print(load(dumped, "=any", "bt")())
