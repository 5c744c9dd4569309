local fs = {}
for i = 1, 2 do fs[i] = function() end end
print(fs[1] == fs[2], fs[1] == fs[1], type(fs[1]))
