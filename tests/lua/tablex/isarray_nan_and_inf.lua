local isarray = require "table.isarray"
print(isarray({ [1 / 0] = 1 }), isarray({ [-1 / 0] = 1 }))
