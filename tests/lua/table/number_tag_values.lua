-- Numbers carry a shared tag object in their value's reference part (Runtime/LuaValue.cs). Numbers,
-- booleans and strings in weak tables are never collected; the tag must be told apart from every other
-- kind of value everywhere a value's type is asked for.
local wk = setmetatable({}, {__mode = "k"})
local wv = setmetatable({}, {__mode = "v"})
local wkv = setmetatable({}, {__mode = "kv"})
for i = 1, 5 do
  wk[i] = i * 1.5
  wv[i] = -i
  wkv[i + 0.5] = i
  wk[{}] = i           -- collected
  wv["s" .. i] = i     -- kept: the value is a number
  wkv[{}] = i          -- collected
end
wk[true] = 0/0
wv.nan = 0/0
wv.negzero = -0
wv.big = 2^53
wv.inf = 1/0
collectgarbage() collectgarbage()
local function count(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n
end
print(count(wk), count(wv), count(wkv))
print(wk[1], wk[5], wv[3], wkv[2.5], wv.s4, wk[true] ~= wk[true])
print(wv.nan ~= wv.nan, 1 / wv.negzero, wv.big, wv.inf, string.format("%.17g", wv.big + 1))

-- type(), tostring and equality on numbers made by arithmetic, conversion, literals and the library.
local vals = {1, -0, 0/0, 1/0, 2^53, tonumber("0x10"), tonumber(" 12 "), "12" + 0, math.floor(2.5), #"abc", select("#", 1, 2)}
for i = 1, #vals do
  local v = vals[i]
  io.write(type(v), " ", tostring(v), " ", tostring(v == v), " ", tostring(rawequal(v, v)), "; ")
end
print()
print(type("1"), type(true), type(nil), type({}), type(print), type(coroutine.create(print)))
print(1 == "1", true == 1, rawequal(0, -0), rawequal(0/0, 0/0))

-- Numbers as table keys: the hash of 0 and -0 agree, NaN cannot be a key.
local t = {}
t[0] = "zero"
print(t[-0], t[0.0], select(2, pcall(function() t[0/0] = 1 end)):match("table index is NaN"))
t[2^53] = "big"
print(t[2^53], t[2^53 + 1])

-- Booleans alongside numbers in one slot over a loop (the tag changes back and forth).
local slot = {}
for i = 1, 6 do
  if i % 2 == 0 then slot.v = i else slot.v = i % 3 == 0 end
  io.write(tostring(slot.v), " ")
end
print()
