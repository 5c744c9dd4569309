local t = {5, 2, 8, 1, 9, 3}
table.sort(t) print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end) print(table.concat(t, " "))
local s = {"banana", "apple", "Cherry", "date"}
table.sort(s) print(table.concat(s, " "))
local one = {1} table.sort(one) print(one[1])
local empty = {} table.sort(empty) print(#empty)
