local depth = 150
local src = "return " .. ("("):rep(depth) .. "1" .. (")"):rep(depth)
local f, err = loadstring(src, "=deep")
print(f and f() or err)
local deeper = "return " .. ("("):rep(10000) .. "1" .. (")"):rep(10000)
local g, err2 = loadstring(deeper, "=deeper")
print(g and g() or err2)
