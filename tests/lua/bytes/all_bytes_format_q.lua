local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
local q = string.format("%q", s)
print(#q)
print(loadstring("return " .. q)() == s)
for i = 0, 255, 17 do io.write(string.format("%q", string.char(i)), " ") end
print()
