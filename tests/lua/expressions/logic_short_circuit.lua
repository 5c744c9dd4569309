local log = {}
local function v(x) log[#log + 1] = tostring(x) return x end
local r = v(false) and v(1)
r = v(nil) or v(2)
r = v(1) or v(3)
r = v(1) and v(nil) and v(4)
print(table.concat(log, ","))
print(false and error("no"), true or error("no"))
