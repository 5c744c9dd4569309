local t = {c = 3, a = 1, b = 2}
local co = coroutine.wrap(function()
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do coroutine.yield(k, t[k]) end
end)
print(co()) print(co()) print(co())
