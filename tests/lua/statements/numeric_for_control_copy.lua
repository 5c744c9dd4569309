-- Assigning the loop variable does not change the iteration count.
local out = {}
for i = 1, 3 do
  out[#out + 1] = i
  i = i * 10
  out[#out + 1] = i
end
print(table.concat(out, " "))
local lim = 3
for i = 1, lim do lim = 1 io.write(i, " ") end print()
