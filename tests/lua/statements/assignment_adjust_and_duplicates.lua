-- Assignment adjusts values to targets; duplicate targets are assigned right to left.
local a, b, c = (function() return 1, 2, 3 end)()
print(a, b, c)
local x, y = 1
print(x, y)
local i = 1
local arr = {}
i, arr[i] = i + 1, "set"
print(i, arr[1], arr[2])
local t = {}
t.x, t.x = 1, 2
print(t.x)
local p, q = {}, {}
p.v, q.v, p.v = 1, 2, 3
print(p.v, q.v)
