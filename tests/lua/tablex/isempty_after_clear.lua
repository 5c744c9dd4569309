local isempty = require "table.isempty"
local clear = require "table.clear"
local t = { 1, x = 2 }
print(isempty(t))
clear(t)
print(isempty(t))
