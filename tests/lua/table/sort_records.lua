local people = {{name = "bob", age = 30}, {name = "al", age = 25}, {name = "cy", age = 35}, {name = "di", age = 25}}
table.sort(people, function(a, b) if a.age ~= b.age then return a.age < b.age end return a.name < b.name end)
for _, p in ipairs(people) do io.write(p.name, ":", p.age, " ") end print()
local big = {}
for i = 1, 1000 do big[i] = (i * 7919) % 1000 end
table.sort(big)
local ok = true for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print(ok, big[1], big[1000])
