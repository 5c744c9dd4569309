-- strings made of runs between escapes, empty strings, and strings at the end of the input
local cjson = require "cjson"
for _, json in ipairs({ '""', '"a"', '"\\n"', '"a\\nb"', '"\\\\\\\\"', '"abc\\"', '"\\"abc"', '["", "", ""]', '{"":""}',
  '"' .. string.rep("x", 100) .. '\\t' .. string.rep("y", 100) .. '"', '"\\u0000\\u0000"', '"\\/\\/"' }) do
  local ok, v = pcall(cjson.decode, json)
  if ok and type(v) == "string" then print(json:sub(1, 30), #v, (v:gsub("%c", "?"))) else print(json:sub(1, 30), ok, type(v) == "table" and cjson.encode(v) or v) end
end
