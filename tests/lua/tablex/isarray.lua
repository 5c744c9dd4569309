local isarray = require "table.isarray"
-- isarray: every key is an integer.
print(isarray({}), isarray({ 1, 2, 3 }), isarray({ 1, nil, 3 }), isarray({ [5] = 1 }))
print(isarray({ a = 1 }), isarray({ 1, a = 1 }), isarray({ [1.5] = 1 }), isarray({ [0] = 1 }))
print(isarray({ [-1] = 1 }), isarray({ [2^40] = 1 }), isarray({ [true] = 1 }))
