local flags = {"", "-", "+", " ", "0", "#", "-+", "+0", "#0"}
for _, v in ipairs({0, 1.5, -1.5, 1234.5678, 1e-3}) do
  local row = {}
  for _, fl in ipairs(flags) do row[#row + 1] = string.format("[%" .. fl .. "10.2f]", v) end
  print(table.concat(row))
end
