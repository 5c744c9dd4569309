local i = 0
while i < 5 do i = i + 1 end
print(i)
repeat i = i - 1 until i <= 0
print(i)
local n = 0 repeat n = n + 1 until true print(n)
while false do print("never") end
