local t1, t2 = {}, {}
print(t1 == t1, t1 == t2, t1 ~= t2)
print(1 == 1.0, "a" == "a", nil == false, 0 == false, "" == false)
local f = function() end
print(f == f, print == print, (function() end) == (function() end))
print(0/0 == 0/0, math.huge == math.huge)
