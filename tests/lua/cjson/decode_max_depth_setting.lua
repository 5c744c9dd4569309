-- decode_max_depth set small, and its argument checks
local cjson = require "cjson"
print(cjson.decode_max_depth(3))
print(cjson.encode(cjson.decode("[[[1]]]")))
print(pcall(cjson.decode, "[[[[1]]]]"))
print(pcall(cjson.decode, '{"a":{"b":{"c":{"d":1}}}}'))
print(pcall(cjson.decode, '[1, 2, [3, [4, [5]]]]'))
print(cjson.decode_max_depth(1), pcall(cjson.decode, "[[]]"), #cjson.decode("[1,2]"))
for _, bad in ipairs({ 0, -1, "z", 2^31 }) do print(pcall(cjson.decode_max_depth, bad)) end
print(pcall(cjson.decode_max_depth, 5, 5))
print(cjson.decode_max_depth("4"), cjson.decode_max_depth(2.9))
