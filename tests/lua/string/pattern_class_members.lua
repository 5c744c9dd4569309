local all = {}
for i = 0, 127 do all[#all + 1] = string.char(i) end
all = table.concat(all)
for _, c in ipairs({"a", "d", "l", "p", "u", "w", "x"}) do
  print(c, (all:gsub("[^%" .. c .. "]", "")))
end
print("s", (all:gsub("[^%s]", "")):byte(1, -1))
print("c", #(all:gsub("[^%c]", "")))
