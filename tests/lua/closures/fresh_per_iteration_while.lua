local fs = {}
local i = 0
while i < 3 do
  i = i + 1
  local captured = i
  fs[i] = function() captured = captured * 2 return captured end
end
print(fs[1](), fs[2](), fs[3](), fs[1]())
