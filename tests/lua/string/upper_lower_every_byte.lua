-- string.upper / string.lower over every byte value, at lengths around the vector width (31-33, 63-65)
-- and long texts, with letters at the vector boundaries; only ASCII letters change.
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local bytes = table.concat(all)
local function sum(s)
  local h = 0
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 2147483647 end
  return h
end
print(#bytes:upper(), #bytes:lower(), sum(bytes:upper()), sum(bytes:lower()))
print(bytes:upper():sub(60, 130))
print(bytes:lower():sub(60, 130))
print(bytes:upper():sub(-5):byte(1, -1))
for _, n in ipairs({ 0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000 }) do
  local s = ("aZ@[`{\255\128zA"):rep(n):sub(1, n)
  print(n, sum(s:upper()), sum(s:lower()), s:upper():sub(-12), s:lower():sub(1, 12))
end
local text = ("The Quick Brown Fox Jumps Over The Lazy Dog, 0123456789 \195\164\195\182 ~!"):rep(50)
print(sum(text:upper()), sum(text:lower()), text:upper():sub(1, 45), text:lower():sub(-45))
print(string.upper(12.5), string.lower(-3), ("MiXeD"):upper():lower())
print(string.char(), string.char(65), string.char(0):byte(), string.char(255):byte(), string.char(104, 105))
print(pcall(string.char, 256))
print(pcall(string.char, -1))
print(pcall(string.char, "x"))
print(string.char("66"), string.char(65.0), pcall(string.char, 65.5))
