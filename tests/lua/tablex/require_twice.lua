-- require returns the same function each time.
local a = require "table.nkeys"
local b = require "table.nkeys"
print(a == b)
