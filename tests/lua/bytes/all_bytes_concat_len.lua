local parts = {}
for i = 0, 255 do parts[#parts + 1] = string.char(i) end
local s = table.concat(parts)
local c = ""
for i = 0, 255 do c = c .. string.char(i) end
print(#s, #c, s == c)
local ok = true
for i = 1, 256 do if s:byte(i) ~= i - 1 then ok = false end end
print(ok)
