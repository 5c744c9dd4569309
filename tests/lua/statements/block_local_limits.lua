local src = {}
for i = 1, 60 do src[#src + 1] = "local function f" .. i .. "() return " .. i .. " end" end
src[#src + 1] = "return f1() + f60()"
print(loadstring(table.concat(src, "\n"))())
local ups = {"local a0 = 0"}
for i = 1, 59 do ups[#ups + 1] = "local a" .. i .. " = " .. i end
local body = {} for i = 0, 59 do body[#body + 1] = "a" .. i end
ups[#ups + 1] = "return function() return " .. table.concat(body, "+") .. " end"
print(loadstring(table.concat(ups, "\n"))()())
