-- pseudo-random documents (a fixed LCG) survive encode/decode/encode
local cjson = require "cjson"
local seed = 12345
local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
local function randstring()
  local t = {}
  for i = 1, rand(12) do t[i] = string.char(rand(256)) end
  return table.concat(t)
end
local function gen(depth)
  local kind = rand(depth > 4 and 4 or 6)
  if kind == 0 then return rand(100000) / (rand(50) + 1) - 500
  elseif kind == 1 then return randstring()
  elseif kind == 2 then return rand(2) == 0
  elseif kind == 3 then return cjson.null
  elseif kind == 4 then
    local t = {}
    for i = 1, rand(5) do t[i] = gen(depth + 1) end
    return t
  else return { [randstring() .. "k"] = gen(depth + 1) }
  end
end
local ok = 0
for i = 1, 300 do
  local doc = gen(0)
  local s = cjson.encode(doc)
  local again = cjson.encode(cjson.decode(s))
  if s == again then ok = ok + 1 else print("differs", i, s, again) end
  if i % 50 == 0 then print(i, #s, s:sub(1, 60)) end
end
print("roundtrips", ok)
