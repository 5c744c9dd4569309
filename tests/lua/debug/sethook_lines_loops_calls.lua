-- Line, call and return events through loops, multi-line statements and a call assigned to a local.
local lines = {}
local function hook(ev, line) lines[#lines + 1] = ev:sub(1,1) .. tostring(line) end
local function g(a)
  return a
end
debug.sethook(hook, "lcr")
local x = 0
for i = 1, 2 do
  x = x + i
end
local t = {
  1,
  2 }
if x > 1 then
  x = g(x)
else
  x = 0
end
while x > 2 do x = x - 1 end
debug.sethook()
print(table.concat(lines, ","))
