local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
for _, c in ipairs({"a", "c", "d", "l", "p", "s", "u", "w", "x", "z"}) do
  local lower = select(2, all:gsub("%" .. c, ""))
  local upper = select(2, all:gsub("%" .. c:upper(), ""))
  print(c, lower, upper, lower + upper)
end
