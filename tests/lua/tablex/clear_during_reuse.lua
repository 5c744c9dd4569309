local clear = require "table.clear"
-- A table cleared and refilled many times behaves like a fresh one.
local t = {}
for round = 1, 50 do
  for i = 1, round do t[i] = i end
  t.round = round
  if round < 50 then clear(t) end
end
print(#t, t.round, t[50])
