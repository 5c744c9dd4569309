-- with a huge encode_max_depth, luajit's C stack room (LUAI_MAXCSTACK) ends the nesting instead
local cjson = require "cjson"
cjson.encode_max_depth(1000000)
local function chain(n, key)
  local t = {}
  local cur = t
  for _ = 2, n do local child = {} cur[key] = child cur = child end
  return t
end
print(pcall(cjson.encode, chain(20000, 1)))
print(pcall(cjson.encode, chain(20000, "k")))
print(#cjson.encode(chain(3000, 1)), #cjson.encode(chain(3000, "k")))
local t = chain(7997, 1)
print(#cjson.encode(t))
print(pcall(cjson.encode, chain(7998, 1)))
print(#cjson.encode(chain(3999, "k")), pcall(cjson.encode, chain(4000, "k")))
local loop = {} loop.self = loop
print(pcall(cjson.encode, loop))
