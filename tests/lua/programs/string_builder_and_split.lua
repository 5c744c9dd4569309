local function split(s, sep)
  local out, pattern = {}, "([^" .. sep:gsub("%p", "%%%0") .. "]*)"
  for piece in (s .. sep):gmatch(pattern .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end
local function join(t, sep) return table.concat(t, sep) end
local parts = split("a,b,,c,", ",")
print(#parts, join(parts, "|"))
print(join(split("one.two.three", "."), " "))
local buf = {}
for i = 1, 10 do buf[#buf + 1] = string.format("%02d", i * i) end
print(join(buf, "-"))
local csv = "name;age\nann;31\nbob;27\n"
for line in csv:gmatch("[^\n]+") do local f = split(line, ";") print(f[2], f[1]) end
