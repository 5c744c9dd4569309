-- A zero step loops forever in Lua 5.1; break after a few rounds.
local n = 0
for i = 1, 2, 0 do n = n + 1 if n == 5 then break end end
print(n)
local m = 0
for i = 2, 1, 0 do m = m + 1 if m == 5 then break end end
print(m)
