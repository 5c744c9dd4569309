local fs = {}
for i = 1, 3 do
  fs[#fs + 1] = function() i = i + 100 return i end
end
print(fs[1](), fs[1](), fs[2](), fs[3]())
local gs = {}
for k, v in pairs({a = 1}) do gs[1] = function() v = v + 1 return k .. v end end
print(gs[1](), gs[1]())
