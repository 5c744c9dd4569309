local d = os.date("!*t", 1700000000)
local keys = {}
for k, v in pairs(d) do keys[#keys + 1] = k .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
local l = os.date("*t", os.time({year = 2020, month = 6, day = 15, hour = 10, min = 30, sec = 5}))
print(l.year, l.month, l.day, l.hour, l.min, l.sec, l.wday, l.yday)
print(os.date("!*t", 0).year, os.date("!%Y", 0))
