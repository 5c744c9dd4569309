local src = {"local s = 0"}
for i = 1, 180 do src[#src + 1] = "local v" .. i .. " = " .. i end
src[#src + 1] = "return v1 + v90 + v180"
print(loadstring(table.concat(src, "\n"))())
local too = {}
for i = 1, 201 do too[#too + 1] = "local v" .. i .. " = " .. i end
print(loadstring(table.concat(too, "\n")))
