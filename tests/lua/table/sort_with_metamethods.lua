local mt = {__lt = function(a, b) return a.v < b.v end}
local t = {}
for _, v in ipairs({4, 1, 3, 2}) do t[#t + 1] = setmetatable({v = v}, mt) end
table.sort(t)
for _, x in ipairs(t) do io.write(x.v, " ") end print()
