-- All right-hand expressions are evaluated before any assignment.
local a, b = 1, 2
a, b = b, a
print(a, b)
local t = {1, 2}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local x, y, z = 1
print(x, y, z)
local p, q = 1, 2, 3
print(p, q)
