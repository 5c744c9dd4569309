local t = {10, 20, 30}
table.foreachi(t, function(i, v) io.write(i, "=", v, " ") end) print()
print(table.foreachi(t, function(i, v) if v == 20 then return "stopped at " .. i end end))
local keys = {}
table.foreach({a = 1}, function(k, v) keys[#keys + 1] = k .. v end)
print(table.concat(keys))
