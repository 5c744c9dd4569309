-- objects: keys, duplicates (the last wins), nesting
local cjson = require "cjson"
local function sorted(t)
  local keys = {}
  for k, v in pairs(t) do keys[#keys + 1] = string.format("%q=%s", k, type(v) == "table" and "table" or tostring(v)) end
  table.sort(keys)
  return table.concat(keys, " ")
end
print(sorted(cjson.decode('{"a":1,"b":"two","c":true,"d":null,"e":[],"f":{}}')))
print(sorted(cjson.decode('{"dup":1,"dup":2,"dup":3}')))
print(sorted(cjson.decode('{"":"empty key","1":"string one","\\u0041":"A"}')))
local t = cjson.decode('{"1":"a","2":"b"}')
print(t[1], t["1"], #t)
print(cjson.decode('{"x":{"y":{"z":[1,2,{"w":"deep"}]}}}').x.y.z[3].w)
print(sorted(cjson.decode('{ "spaced" : 1 , "out" :2 }')))
