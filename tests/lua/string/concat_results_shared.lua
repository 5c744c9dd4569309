-- Short concatenation results are shared through the string cache (one object per content, as LuaJIT
-- interns every string). Sharing must never change what a program sees: equality, table keys, lengths,
-- number formatting, embedded zeros, the 40/41-byte edge of the cache, slot conflicts between many
-- distinct strings, and constants that collide with run-time results.
local t = {}
t["ab"] = 1
local a, b = "a", "b"
print(t[a .. b], rawequal(a .. b, "ab"), a .. b == "ab", #(a .. b))
t[a .. "c"] = 2
print(t.ac, t["a" .. "c"], t[("a"):rep(1) .. "c"])

-- Number operands: -0, inf, nan, 2^53, floats, integers.
local nums = { 0, -0, 1 / 0, -1 / 0, 0 / 0, 2 ^ 53, 2 ^ 53 + 1, 0.1, 1e15, 1e16, -1.5, 123456789012 }
for _, n in ipairs(nums) do
  local k = "n" .. n
  t[k] = (t[k] or 0) + 1
  print(k, #k, t["n" .. n], k == "n" .. tostring(n))
end

-- Lengths around the cache limit (40 bytes), several operands, embedded zeros.
for len = 36, 44 do
  local s = ("x"):rep(len - 3) .. "\0" .. "y" .. "z"
  local u = ("x"):rep(len - 3) .. "\0yz"
  t[s] = len
  print(len, #s, s == u, t[u], rawequal(s, u) == (s == u))
end
local parts = {}
for i = 1, 8 do parts[i] = "p" .. i .. "." .. i * 2 end
print(table.concat(parts, ","))

-- Many distinct short strings (slot conflicts in the cache), counted twice; each count must be 2.
local counts, distinct = {}, 0
for round = 1, 2 do
  for i = 1, 30000 do
    local k = "k" .. i .. "_" .. (i * 7 % 13)
    if counts[k] == nil then distinct = distinct + 1 end
    counts[k] = (counts[k] or 0) + 1
  end
end
local bad = 0
for k, v in pairs(counts) do if v ~= 2 then bad = bad + 1 end end
print(distinct, bad, counts["k1_7"], counts["k29999_" .. (29999 * 7 % 13)])

-- next() with a key equal to the stored one but built separately.
local u = {}
u["he" .. "llo"] = 1
u["wor" .. "ld"] = 2
local first = next(u)
local again = next(u, first:sub(1, 2) .. first:sub(3))
print(#first, again ~= first, select("#", next(u, again)))

-- Comparison and sorting of built strings.
local list = {}
for i = 10, 1, -1 do list[#list + 1] = "item" .. i end
table.sort(list)
print(table.concat(list, " "))
print(("a" .. "b") < ("a" .. "c"), ("b" .. "") < "a" .. "z", "ab" .. "" <= "a" .. "b")

-- Library names built at run time still find the library functions.
print(string["fo" .. "rmat"]("%d", 5), _G["pr" .. "int"] == print, math["fl" .. "oor"](2.5))
