-- dicts: d 12k, e 64k, f 1m, dddddd 64k, nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn 8k
local function fill(d, mk)
  d:flush_all() d:flush_expired()
  local n = 0
  while d:safe_set(string.format("k%05d", n), mk(n)) do n = n + 1 end
  return n
end
local function lists(d, v)
  d:flush_all() d:flush_expired()
  local n = 0
  local ok, err
  while true do ok, err = d:lpush("list", v) if not ok then break end n = n + 1 end
  return n .. " " .. err
end
for _, name in ipairs{"d", "e", "f", "dddddd", ("n"):rep(38)} do
  local d = ngx.shared[name]
  local out = { "free0=" .. d:free_space() }
  out[#out + 1] = "num=" .. fill(d, function() return 1 end)
  out[#out + 1] = "bool=" .. fill(d, function() return true end)
  for _, len in ipairs{0, 54, 55, 100, 200, 500, 1000, 1974, 1975, 3000, 4028, 4029, 5000, 10000, 20000} do
    local s = ("v"):rep(len)
    out[#out + 1] = "str" .. len .. "=" .. fill(d, function() return s end)
  end
  out[#out + 1] = "list11=" .. lists(d, "01234567890")
  out[#out + 1] = "list12=" .. lists(d, "012345678901")
  out[#out + 1] = "listnum=" .. lists(d, 5)
  d:flush_all() d:flush_expired()
  out[#out + 1] = "free1=" .. d:free_space()
  ngx.say(name:sub(1, 8), " ", table.concat(out, " "))
end
-- list heads: 68 + key + 16 bytes
local e = ngx.shared.e
for _, K in ipairs{40, 44, 45} do
  e:flush_all() e:flush_expired()
  local n = 0
  while e:lpush(string.format("%0" .. K .. "d", n), 1) do n = n + 1 end
  ngx.say("listkey", K, "=", n)
end
