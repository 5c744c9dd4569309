-- null decodes to cjson.null, a light userdata equal everywhere
local cjson = require "cjson"
local safe = require "cjson.safe"
local t = cjson.decode('{"k":null,"list":[null,1,null]}')
print(t.k == cjson.null, t.k == safe.null, t.k == cjson.new().null, type(t.k), tostring(t.k))
print(#t.list, t.list[1] == cjson.null, t.list[2], t.list[3] == cjson.null)
print(cjson.null == nil, cjson.null == false, not cjson.null)
print(cjson.encode(t.list), cjson.encode({ k = t.k }))
print(getmetatable(cjson.null), rawequal(cjson.null, cjson.decode("null")))
