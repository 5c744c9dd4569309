local t = {x = 1, y = 2}
t.x, t.y = t.y, t.x
print(t.x, t.y)
local arr = {10, 20, 30}
arr[1], arr[3] = arr[3], arr[1]
print(arr[1], arr[2], arr[3])
