for a, b in ("1:2 3:4"):gmatch("(%d):(%d)") do io.write(a + b, " ") end print()
local caps = {} for p, w in ("one two"):gmatch("()(%a+)") do caps[#caps + 1] = p .. w end print(table.concat(caps, ","))
local n = 0 for _ in ("aaaa"):gmatch("aa") do n = n + 1 end print(n)
local empties = 0 for _ in ("abc"):gmatch("") do empties = empties + 1 end print(empties)
