local t = {}
print(next(t))
t.a = 1
print(next(t))
print(next(t, "a"))
print(pcall(next, t, "nonexistent"))
print(next({10}))
local keys = {}
for k, v in pairs({5, 6, x = 7}) do keys[#keys + 1] = tostring(k) .. "=" .. v end
table.sort(keys) print(table.concat(keys, " "))
