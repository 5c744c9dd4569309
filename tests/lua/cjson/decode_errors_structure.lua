-- structural errors: every message names what was expected and what was found
local cjson = require "cjson"
local cases = {
  '{"a":1,}', '[1,]', '[1 2]', '{"a" 1}', '{1:1}', '{"a":1,"b"}', '{"a":[1,2}', '[{"a":1]', '[[[]]',
  '{"a":{"b":{"c":}}}', '[1,2,3', '{"a":1', '{"a":', '{"a"', '{"', '["', '[null,', '{null:1}', '{true:1}',
  '{[]:1}', '{{}:1}', '[1:2]', '{"a",1}', '[-]', '[1e]', '["a":1]',
}
for _, json in ipairs(cases) do print(json, select(2, pcall(cjson.decode, json))) end
