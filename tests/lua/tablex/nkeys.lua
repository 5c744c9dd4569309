local nkeys = require "table.nkeys"
-- nkeys counts every entry, array and hash.
print(nkeys({}), nkeys({ 1, 2, 3 }), nkeys({ a = 1, b = 2 }), nkeys({ 1, 2, x = 1, [0] = 0 }))
print(nkeys({ 1, nil, 3 }), nkeys({ nil, nil }))
local t = {}
for i = 1, 100 do t[i] = i t["k" .. i] = i end
for i = 1, 100, 2 do t[i] = nil end
print(nkeys(t))
