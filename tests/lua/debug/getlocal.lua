local function f(a, b)
  local c = a + b
  local names = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(1, i)
    if not name then break end
    names[#names + 1] = name .. "=" .. (type(value) == "table" and "table" or tostring(value))
    i = i + 1
  end
  return table.concat(names, " ")
end
print(f(1, 2))
print(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3))
print(pcall(debug.getlocal, 50, 1))
