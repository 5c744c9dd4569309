-- After require, table.new is a field of table.
require "table.new"
local t = table.new(4, 0)
t[1] = "a"
print(#t, type(table.new))
