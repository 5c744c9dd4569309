-- Every function jit has, by type.
local names = {}
for k, v in pairs(jit) do names[#names + 1] = k .. "=" .. type(v) end
table.sort(names)
print(table.concat(names, " "))
