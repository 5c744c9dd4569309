local buffer = require "string.buffer"
-- The module's functions, and require returns the same table each time.
local names = {}
for k, v in pairs(buffer) do names[#names + 1] = k .. "=" .. type(v) end
table.sort(names)
print(table.concat(names, " "))
print(require("string.buffer") == buffer, package.loaded["string.buffer"] == buffer)
