-- a large array of mixed values
local cjson = require "cjson"
local t = {}
for i = 1, 20000 do
  if i % 3 == 0 then t[i] = tostring(i) elseif i % 3 == 1 then t[i] = i / 7 else t[i] = i % 2 == 0 end
end
local s = cjson.encode(t)
local sum = 0
for i = 1, #s, 97 do sum = (sum * 31 + s:byte(i)) % 1000000007 end
print(#s, sum, s:sub(1, 80), s:sub(-60))
local back = cjson.decode(s)
print(#back, back[1], back[2], back[3], back[20000])
