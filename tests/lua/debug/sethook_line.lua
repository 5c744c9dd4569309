local lines = {}
local function hook(ev, line) lines[#lines + 1] = line end
local function target()
  local x = 1
  x = x + 1
  return x
end
debug.sethook(hook, "l")
target()
debug.sethook()
print(table.concat(lines, ","))
