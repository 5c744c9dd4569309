for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    io.write(i, ",", j, " ")
  end
end
print()
local n = 0
while true do n = n + 1 if n > 4 then break end end
print(n)
repeat break until false print("after repeat")
