local up1, up2 = 1, 2
local function f(x, y) return up1 + up2 end
local i = debug.getinfo(f, "uf")
print(i.nups, i.func == f)
print(debug.getinfo(print, "u").nups)
print(debug.getinfo(100))
print(pcall(debug.getinfo, 1, "!"))
