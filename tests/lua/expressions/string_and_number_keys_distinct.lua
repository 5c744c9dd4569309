local t = {}
t[1] = "number one" t["1"] = "string one" t[1.5] = "float" t["1.5"] = "string float"
print(t[1], t["1"], t[1.5], t["1.5"], t[3 / 2], t[tostring(1)])
local n = 0 for _ in pairs(t) do n = n + 1 end print(n)
t[true] = "bool" t[t] = "self"
print(t[true], t[t], t[false])
