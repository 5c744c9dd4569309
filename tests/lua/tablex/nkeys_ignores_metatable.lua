local nkeys = require "table.nkeys"
local t = setmetatable({ 1 }, { __index = { a = 1, b = 2 }, __len = function() return 99 end })
print(nkeys(t))
