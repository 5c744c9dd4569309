-- Every flag combination of %d over awkward values.
local flags = {"", "-", "+", " ", "0", "-+", "+0", " 0", "-0", "+ "}
for _, v in ipairs({0, 7, -7, 123456}) do
  local row = {}
  for _, fl in ipairs(flags) do row[#row + 1] = string.format("[%" .. fl .. "6d]", v) end
  print(table.concat(row))
end
