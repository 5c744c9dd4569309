local a, b = 10, 20
local function f() return a + b end
print(debug.getupvalue(f, 1))
print(debug.getupvalue(f, 2))
print(debug.getupvalue(f, 3))
print(debug.setupvalue(f, 1, 100))
print(f(), a)
print(debug.getupvalue(print, 1))
print(debug.setupvalue(f, 5, 1))
