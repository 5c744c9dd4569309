local function y(v) return coroutine.yield(v) end
local co = coroutine.wrap(function()
  local t = {1, y("a"), 3, key = y("b"), [y("c")] = "dynamic", y("d")}
  return #t, t[2], t.key, t.k3, t[4]
end)
print(co()) print(co(2)) print(co("kv")) print(co("k3")) print(co(4))
