local clear = require "table.clear"
print(pcall(clear))
print(pcall(clear, "x"))
print(select("#", clear({})))
