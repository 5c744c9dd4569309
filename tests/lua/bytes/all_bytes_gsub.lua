local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
local copy, n = s:gsub(".", "%0")
print(n, copy == s)
local hex = s:gsub(".", function(c) return string.format("%02x", c:byte()) end)
print(#hex, hex:sub(1, 16), hex:sub(-16))
local back = hex:gsub("%x%x", function(h) return string.char(tonumber(h, 16)) end)
print(back == s)
print((s:gsub("[\128-\255]", "")):len(), (s:gsub("%W", "")):len())
