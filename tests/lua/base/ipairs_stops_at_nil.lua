local t = {1, 2, nil, 4}
local n = 0 for i in ipairs(t) do n = i end print(n)
local p = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end})
for i, v in ipairs(p) do io.write(i, "=", v, " ") end print()
local f, s, i = ipairs({})
print(type(f), type(s), i)
