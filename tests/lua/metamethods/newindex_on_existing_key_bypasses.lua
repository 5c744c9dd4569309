local log = {}
local t = setmetatable({present = 1}, {__newindex = function(t, k, v) log[#log + 1] = k rawset(t, k, v) end})
t.present = 2
t.absent = 3
t.absent = 4
t.present = nil
t.present = 5
print(table.concat(log, ","), t.present, t.absent)
