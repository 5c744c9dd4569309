-- pseudo-random bytes and mutated documents: decode fails or succeeds, never anything worse
local cjson = require "cjson"
local seed = 424242
local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
local alphabet = '{}[]:,"\\u0123456789abcdefeE+-.tfnrlsx \t\n'
for i = 1, 400 do
  local t = {}
  for j = 1, rand(30) + 1 do
    if rand(4) == 0 then t[j] = string.char(rand(256)) else local k = rand(#alphabet) + 1 t[j] = alphabet:sub(k, k) end
  end
  local json = table.concat(t)
  local ok, v = pcall(cjson.decode, json)
  if i % 20 == 0 or ok then
    print(i, ok, ok and (type(v) == "table" and cjson.encode(v) or tostring(v)) or v)
  end
end
local doc = '{"a":[1,2,{"b":"c\\n"}],"d":true}'
local failures = 0
for i = 1, #doc do
  local cut = doc:sub(1, i - 1) .. doc:sub(i + 1)
  local ok, err = pcall(cjson.decode, cut)
  if not ok then failures = failures + 1 print(i, err) end
end
print("failures", failures)
