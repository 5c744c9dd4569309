-- String keys of every length from 0 to 80 bytes, made in different ways (concatenation, which shares
-- short results through the interner and hashes them from scratch bytes; sub/rep/char, which hash
-- lazily from the string's own bytes), must find each other in tables; keys differing in one byte,
-- in their length only or in embedded zero bytes must stay apart.
local t, n = {}, 0
for len = 0, 80 do
  local s = string.rep("k", len)
  t[s] = len
  n = n + 1
end
local hits = 0
for len = 0, 80 do
  local built = ""
  for i = 1, len do built = built .. "k" end
  local sliced = ("k"):rep(100):sub(1, len)
  if t[built] == len and t[sliced] == len then hits = hits + 1 end
end
print("same bytes found", hits, "of", n)

-- one byte changed at every position, for every length up to 40 (the shared range) and a few beyond
local apart, total = 0, 0
for _, len in ipairs({ 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 39, 40, 41, 48, 64, 65 }) do
  local base = ("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+/"):rep(2):sub(1, len)
  local u = { [base] = "base" }
  for i = 1, len do
    local changed = base:sub(1, i - 1) .. string.char((base:byte(i) + 1) % 256) .. base:sub(i + 1)
    u[changed] = i
    total = total + 1
  end
  local ok = u[base] == "base"
  for i = 1, len do
    local changed = base:sub(1, i - 1) .. string.char((base:byte(i) + 1) % 256) .. base:sub(i + 1)
    if u[changed] ~= i then ok = false end
  end
  if ok then apart = apart + len end
end
print("one-byte changes kept apart", apart, "of", total)

-- zero bytes and lengths only
local z = {}
for len = 0, 20 do z[string.rep("\0", len)] = len end
local zok = 0
for len = 0, 20 do if z[("\0"):rep(len)] == len and z["\0" .. ("\0"):rep(len)] == (len < 20 and len + 1 or nil) then zok = zok + 1 end end
print("zero-byte keys", zok)
local m = {}
m["ab"], m["a\0b"], m["ab\0"], m["\0ab"] = 1, 2, 3, 4
print(m["a" .. "b"], m["a\0" .. "b"], m["ab" .. "\0"], m["\0" .. "ab"], m["a" .. "b\0\0"])

-- many distinct short keys: counts and a sum over pairs do not depend on the hash
local c = {}
for i = 1, 20000 do local k = "w" .. (i % 3001) .. "x" c[k] = (c[k] or 0) + 1 end
local distinct, sum = 0, 0
for k, v in pairs(c) do distinct = distinct + 1 sum = sum + v * #k end
print("distinct", distinct, "weighted", sum)
