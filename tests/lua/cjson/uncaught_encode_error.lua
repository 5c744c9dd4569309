-- an uncaught encode error from inside a function
local cjson = require "cjson"
local function save(t)
  local text = cjson.encode(t)
  return text
end
print(save({ 1 }))
print(save({ io.stdout }))
