local nkeys = require "table.nkeys"
print(pcall(nkeys))
print(pcall(nkeys, 1))
print(pcall(function() nkeys("s") end))
