local isarray = require "table.isarray"
print(pcall(isarray))
print(pcall(isarray, "x"))
print(pcall(function() isarray(true) end))
