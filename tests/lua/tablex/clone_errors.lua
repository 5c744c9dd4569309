local clone = require "table.clone"
print(pcall(clone))
print(pcall(clone, "x"))
print(pcall(function() clone(1) end))
