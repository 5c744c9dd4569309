local s = "Ab1 !\n\0z"
for _, c in ipairs({"A", "C", "D", "L", "P", "S", "U", "W", "X", "Z"}) do
  local kept = s:gsub("[^%" .. c .. "]", "")
  io.write(c, "=", #kept, " ")
end
print()
print(#s:gsub("%A", ""), #s:gsub("%S", ""), #s:gsub("%Z", ""))
