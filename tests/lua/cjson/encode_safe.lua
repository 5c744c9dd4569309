-- cjson.safe: encode returns nil and the message instead of raising
local safe = require "cjson.safe"
print(safe.encode({ 1, 2, 3 }))
print(safe.encode(print))
print(safe.encode({ [1] = 1, [100] = 2 }))
print(safe.encode(1/0))
print(select("#", safe.encode(print)))
local deep = {} local cur = deep
for _ = 1, 1100 do cur[1] = {} cur = cur[1] end
print(safe.encode(deep))
print(pcall(safe.encode))
print(pcall(safe.encode, 1, 2))
safe.encode_invalid_numbers(true)
print(safe.encode({ 0/0 }))
