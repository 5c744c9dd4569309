local function where() return debug.getinfo(2, "l").currentline end
print(where())
print(
  where()
)
local info = debug.getinfo(1, "L")
local lines = {} for k in pairs(info.activelines) do lines[#lines + 1] = k end
table.sort(lines) print(#lines > 3, lines[1])
