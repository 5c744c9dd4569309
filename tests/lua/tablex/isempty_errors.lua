local isempty = require "table.isempty"
-- isempty wants a table.
print(pcall(isempty))
print(pcall(isempty, "x"))
print(pcall(isempty, nil))
print(pcall(function() isempty(1) end))
