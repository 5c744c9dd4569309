local function producer()
  local items = {"a", "b", "c"}
  return coroutine.create(function() for _, v in ipairs(items) do coroutine.yield(v) end end)
end
local function consumer(p)
  local out = {}
  while true do local _, v = coroutine.resume(p) if not v then break end out[#out + 1] = v end
  return table.concat(out, "")
end
print(consumer(producer()))
