local codes = {} for i = 0, 255 do codes[#codes + 1] = i end
local s = string.char(unpack(codes))
print(#s)
local back = {s:byte(1, -1)}
print(#back, back[1], back[128], back[256])
local sum = 0 for _, b in ipairs(back) do sum = sum + b end print(sum)
