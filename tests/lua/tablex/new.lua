local new = require "table.new"
-- new(narr, nrec) preallocates; the table starts empty.
local t = new(10, 5)
print(type(t), #t, next(t))
for i = 1, 10 do t[i] = i end
t.a = 1
print(#t, t[10], t.a)
print(#new(0, 0), #new(100, 0), next(new(0, 100)))
