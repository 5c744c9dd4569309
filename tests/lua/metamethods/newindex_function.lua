local log = {}
local t = setmetatable({existing = 1}, {__newindex = function(self, k, v) log[#log + 1] = tostring(k) .. "=" .. tostring(v) rawset(self, k, v and v * 10) end})
t.existing = 5
t.new = 2
t.new = 3
t[1] = 7
print(t.existing, t.new, t[1], table.concat(log, " "))
