-- encode then decode gives back equal values (and encoding again the same text)
local cjson = require "cjson"
local values = { 0, -1, 1.5, 1e-10, 123456789, "", "text", "\0\1\2\127\255", "unicode \226\130\172", true, false,
  { 1, 2, 3 }, { "nested", { "arrays", { 1 } } }, { key = "value" }, { list = { { a = { b = {} } } } } }
for i, v in ipairs(values) do
  local s = cjson.encode(v)
  local back = cjson.decode(s)
  local again = cjson.encode(back)
  print(i, s == again, type(back) == type(v), type(v) ~= "table" and back == v or "table")
end
