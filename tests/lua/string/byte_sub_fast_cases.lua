-- string.byte(s, i) and string.sub(s, i, j) answered without the general argument handling: every edge of
-- that case and just outside it, through the function, a local alias and the string metatable.
local byte, sub = string.byte, string.sub
local s = "hello, world"
local n = #s
local positions = { 1, 2, n - 1, n, 0, n + 1, -1, -n, -n - 1, 1.5, 2^31, -2^31, 2^53, 0/0, 1/0, -1/0, "3", " 4 ", "0x2", "x" }
for _, i in ipairs(positions) do
  print("byte", tostring(i), pcall(byte, s, i))
  print("byte-method", tostring(i), pcall(function() return s:byte(i) end))
end
for _, i in ipairs(positions) do
  for _, j in ipairs({ 1, 3, n, n + 5, -1, 0, 2.5, "4" }) do
    local ok, r = pcall(sub, s, i, j)
    print("sub", tostring(i), tostring(j), ok, r)
  end
end
print(sub(s, 1, n) == s, rawequal(sub(s, 1, n), s), sub(s, 1, 1), sub(s, n, n), #sub(s, 2, n - 1))
print(byte(""), pcall(byte, "", 1), sub("", 1, 1), sub("", 1, 0))
print(byte(12345, 2), sub(12345, 2, 3), byte(1.5, 2), sub(-0.0, 1, 2))
print(pcall(byte, nil, 1)); print(pcall(sub, nil, 1, 2)); print(pcall(byte, {}, 1)); print(pcall(sub, s, nil, 2))
print(pcall(byte, s, {})); print(pcall(sub, s, 1, {})); print(byte(s, 1, 3)); print(byte(s)); print(sub(s, 3))
print(byte(s, 2, nil), sub(s, 2, nil))
-- every byte value
local all = {}
for c = 0, 255 do all[#all + 1] = string.char(c) end
local bytes = table.concat(all)
local sum = 0
for i = 1, 256 do sum = sum + byte(bytes, i) * i; assert(sub(bytes, i, i) == string.char(i - 1)) end
print(sum)
-- replaced library functions are seen by compiled call sites
local function first(x) return string.byte(x, 1), string.sub(x, 1, 2) end
print(first("abc"))
local oldByte, oldSub = string.byte, string.sub
string.byte = function(x, i) return "replaced byte " .. i end
string.sub = function(x, i, j) return "replaced sub " .. i .. j end
print(first("abc"), ("abc"):byte(1))
string.byte, string.sub = oldByte, oldSub
print(first("abc"))
-- errors and tracebacks name the function as the call site calls it
local function f() return s:byte({}) end
print(pcall(f))
local function g() local x = sub(s, {}) return x end
print(pcall(g))
print(select("#", byte(s, 3, 2)), select("#", byte(s, 1)), select("#", sub(s, 5, 1)))
