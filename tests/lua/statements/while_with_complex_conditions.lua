local i, j = 0, 10
while i < j and not (i == 5) do i = i + 1 j = j - 1 end
print(i, j)
local t = {3, 2, 1}
local k = 1
while t[k] do k = k + 1 end
print(k)
