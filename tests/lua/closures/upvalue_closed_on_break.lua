local fs = {}
for i = 1, 10 do
  local x = i * 2
  fs[#fs + 1] = function() return x end
  if i == 2 then break end
end
print(#fs, fs[1](), fs[2]())
