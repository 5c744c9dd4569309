local i = 0
local out = {}
while i < 10 do
  i = i + 1
  if i % 3 == 0 then goto continue end
  out[#out + 1] = i
  ::continue::
end
print(table.concat(out, ","))
