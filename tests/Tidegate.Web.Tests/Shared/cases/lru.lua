-- dicts: d 12k, e 64k
local d = ngx.shared.d
local function fill()
  d:flush_all() d:flush_expired()
  local n = 0
  while d:safe_set("k" .. n, 1) do n = n + 1 end
  return n
end
local ops = {
  none = function() end,
  get = function() d:get("k0") end,
  get_stale = function() d:get_stale("k0") end,
  ttl = function() d:ttl("k0") end,
  expire = function() d:expire("k0", 100) end,
  incr = function() d:incr("k0", 1) end,
  set_same = function() d:set("k0", 2) end,
  replace = function() d:replace("k0", 2) end,
  add_fail = function() d:add("k0", 2) end,
  get_keys = function() d:get_keys() end,
}
for _, name in ipairs{"none", "get", "get_stale", "ttl", "expire", "incr", "set_same", "replace", "add_fail", "get_keys"} do
  local n = fill()
  ops[name]()
  local ok, err, forcible = d:set("new", 1)
  local survivors = {}
  for i = 0, 3 do survivors[#survivors + 1] = d:get("k" .. i) and "y" or "n" end
  show(name, n, ok, err, forcible, table.concat(survivors))
end
try("safe_set full", function() return d:safe_set("other", 1) end)
try("safe_add full", function() return d:safe_add("other", 1) end)
try("add full", function() return d:add("other2", 1) end)
try("safe_set same size existing", function() return d:safe_set("k5", 7) end)
try("incr init full", function() return d:incr("other3", 1, 0) end)
try("safe_set too big", function() return d:safe_set("big", ("x"):rep(100)) end)
try("set too big", function() return d:set("big", ("x"):rep(100)) end)
try("count after", function() return #d:get_keys(0) end)
-- list operations count as uses
d:flush_all() d:flush_expired()
d:lpush("L", 1)
local n = 1 while d:safe_set("k" .. n, 1) do n = n + 1 end
d:llen("L")
d:set("new", 1)
show("llen touches", d:llen("L"))
try("lpush full", function() return d:lpush("L2", 1) end)
-- an expired entry in the middle is not found before the LRU tail
d:flush_all() d:flush_expired()
n = 0 while d:safe_set("k" .. n, 1) do n = n + 1 end
d:expire("k10", 0.001) d:expire("k11", 0.001)
ngx.sleep(0.01)
try("set with expired in middle", function() return d:set("new", 1) end)
show("k0 k10", d:get("k0"), d:get_stale("k10"))
-- expired entries at the tail go first, without forcing
d:flush_all() d:flush_expired()
n = 0 while d:safe_set("k" .. n, 1) do n = n + 1 end
d:expire("k0", 0.001) d:expire("k1", 0.001)
ngx.sleep(0.01)
try("set with expired tail", function() return d:set("new", 1) end)
show("k0 k1 k2", d:get_stale("k0"), d:get_stale("k1"), d:get("k2"))
-- at most 30 evictions per store: a page of 32 entries is not freed
local e = ngx.shared.e
n = 0 while e:safe_set("k" .. n, 1) do n = n + 1 end
local function alive() local c = 0 for i = 0, n - 1 do if e:get("k" .. i) then c = c + 1 end end return c end
show("big 1", n, e:set("big", ("x"):rep(3000)))
show("alive", alive(), e:free_space())
show("big 2", e:set("big", ("x"):rep(3000)))
show("alive", alive(), e:free_space())
show("big 3", e:set("big", ("x"):rep(3000)))
show("alive", alive(), e:free_space())
