local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
local u, l = s:upper(), s:lower()
local diffu, diffl = 0, 0
for i = 1, 256 do if u:byte(i) ~= s:byte(i) then diffu = diffu + 1 end if l:byte(i) ~= s:byte(i) then diffl = diffl + 1 end end
print(#u, #l, diffu, diffl, u:sub(98, 123), l:sub(66, 91))
