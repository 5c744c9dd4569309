-- A backward goto at the top level makes a loop of the code between the label and the goto.
local i, acc = 0, {}
::again::
i = i + 1
acc[#acc + 1] = i * i
if i < 5 then goto again end
print(i, table.concat(acc, ","))
local t = setmetatable({}, {__index = function(_, k) return k * 10 + 1 end})
local n = 0
::more::
n = n + t[n]
if n < 100 then goto more end
print(n)
