-- stdin: data/numbers.txt
local n = 0
for line in io.lines() do n = n + 1 print(n, line) end
