local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
print(tostring(s) == s, ("%s"):format(s) == s)
local sorted = {} for i = 255, 0, -1 do sorted[#sorted + 1] = string.char(i) end
table.sort(sorted)
local ok = true for i = 1, 256 do if sorted[i]:byte() ~= i - 1 then ok = false end end
print(ok)
local keys = {} for i = 0, 255 do keys[string.char(i)] = i end
local n = 0 for k, v in pairs(keys) do if k:byte() == v then n = n + 1 end end print(n)
