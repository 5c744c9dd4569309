-- encode and decode inside coroutines and across yields
local cjson = require "cjson"
local co = coroutine.wrap(function(doc)
  while true do
    local text = cjson.encode(doc)
    doc = coroutine.yield(text)
    doc = cjson.decode(cjson.encode(doc))
  end
end)
print(co({ 1, 2 }))
print(co({ k = "v" }))
print(co({ { { "deep" } } }))
local errco = coroutine.create(function() return cjson.decode("[oops]") end)
print(coroutine.resume(errco))
