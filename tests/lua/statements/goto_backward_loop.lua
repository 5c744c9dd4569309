local n, acc = 0, {}
::loop::
n = n + 1
acc[#acc + 1] = n
if n < 5 then goto loop end
print(table.concat(acc, " "))
