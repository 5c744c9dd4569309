local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
local ok = true
for i = 1, 256 do if s:sub(i, i) ~= string.char(i - 1) then ok = false end end
print(ok, s:sub(129) == table.concat(t, "", 129), #s:rep(3), s:rep(2, "\0"):byte(257))
print(s:rep(2):sub(257) == s, s:reverse():byte(1), s:reverse():byte(256))
