local parts = {}
for i = 1, 100 do parts[i] = i end
local s = ""
for i = 1, 100 do s = s .. parts[i] .. "," end
print(#s, s:sub(1, 20))
print("a" .. "b" .. "c" .. "d" .. "e" .. "f" .. "g" .. 1 .. 2 .. 3)
