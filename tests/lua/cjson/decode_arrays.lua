-- arrays: empty, nested, mixed
local cjson = require "cjson"
local t = cjson.decode('[1, "two", true, false, null, [], {}, [3, [4, [5]]]]')
print(#t, t[1], t[2], t[3], t[4], t[5] == cjson.null, type(t[6]), type(t[7]), t[8][2][2][1])
print(#cjson.decode("[]"), #cjson.decode("[ ]"), #cjson.decode("[[]]"))
local nulls = cjson.decode("[null, null, null]")
print(#nulls, nulls[1] == cjson.null, nulls[3] == cjson.null)
print(cjson.encode(cjson.decode("[1,[2,[3,[]]]]")))
