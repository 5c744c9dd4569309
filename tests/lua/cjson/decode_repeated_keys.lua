-- many objects with look-alike keys (same length, same first and last bytes) and repeated keys
local cjson = require "cjson"
local parts = {}
for i = 1, 300 do
  local a, b = string.char(97 + i % 26), string.char(97 + (i * 7) % 26)
  parts[#parts + 1] = string.format('{"k%s%sz":%d,"k%s%sz":"v%d","id":%d,"id":%d}', a, b, i, b, a, i, i, -i)
end
local list = cjson.decode("[" .. table.concat(parts, ",") .. "]")
local total, text = 0, {}
for i, o in ipairs(list) do
  total = total + o.id
  local a, b = string.char(97 + i % 26), string.char(97 + (i * 7) % 26)
  if a ~= b then text[#text + 1] = tostring(o["k" .. a .. b .. "z"]) .. "/" .. tostring(o["k" .. b .. a .. "z"]) end
end
print(#list, total, #text, table.concat(text, " ", 1, 12))
local keys = {}
for k in pairs(cjson.decode('{"ab":1,"ba":2,"aab":3,"abb":4,"a":5,"":6,"ab":7}')) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, ","))
local escaped = cjson.decode('{"k\\u0041":1,"kA":2,"k\\"q":3}')
print(escaped.kA, escaped['k"q'])
