local t = {}
for i = 1, 50 do t = setmetatable({}, {__index = t}) end
print(t.x)
local root = {deep = "found"}
local cur = root
for i = 1, 90 do cur = setmetatable({}, {__index = cur}) end
print(cur.deep)
