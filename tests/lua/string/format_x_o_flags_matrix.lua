local flags = {"", "-", "0", "#", "#0", "-#"}
for _, v in ipairs({0, 1, 255, 4096, 2^31}) do
  local row = {}
  for _, fl in ipairs(flags) do row[#row + 1] = string.format("[%" .. fl .. "8x][%" .. fl .. "8X][%" .. fl .. "8o]", v, v, v) end
  print(table.concat(row))
end
