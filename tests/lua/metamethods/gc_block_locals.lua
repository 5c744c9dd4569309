-- A local whose block has ended no longer keeps its value alive: __gc runs and weak entries go at the
-- next full collection (LuaJIT reuses the block's registers; compiled frames clear the ended locals).
local log = {}
local function proxy(name)
  local p = newproxy(true)
  getmetatable(p).__gc = function() log[#log + 1] = name end
  return p
end
local function collect(label)
  collectgarbage() collectgarbage()
  table.sort(log)
  print(label, #log, table.concat(log, " "))
  log = {}
end

do local a = proxy("do") end
collect("do")

if #log == 0 then local b = proxy("then") else local c = proxy("else") end
collect("if")

for i = 1, 2 do local d = proxy("for" .. i) end
collect("for")

local n = 0
repeat local e = proxy("repeat" .. n) n = n + 1 until e and n == 2
collect("repeat")

while true do local f = proxy("while") break end
collect("while")

-- a block's captured local lives as long as the closure that captured it
local keep
do local g = proxy("captured") keep = function() return g end end
collect("kept")
print(type(keep()))

-- a local still in scope stays
local h = proxy("live")
collect("live")
print(type(h))
