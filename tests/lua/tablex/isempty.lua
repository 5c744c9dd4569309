local isempty = require "table.isempty"
-- isempty: no entries at all, in either part.
print(isempty({}), isempty({ 1 }), isempty({ a = 1 }), isempty({ [0] = 1 }), isempty({ nil }))
local t = { 1, 2, x = 3 }
t[1], t[2], t.x = nil, nil, nil
print(isempty(t))
print(isempty(setmetatable({}, { __index = { 1 } })))
