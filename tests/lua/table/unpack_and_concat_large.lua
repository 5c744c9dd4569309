local t = {}
for i = 1, 200 do t[i] = i end
print(select("#", unpack(t)), (select(200, unpack(t))))
print(#table.concat(t, ","))
