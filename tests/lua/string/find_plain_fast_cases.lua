-- string.find's plain searches (a 4th argument that is true, or a pattern without special characters) with every
-- argument count and init at and around its edges, through the function, a local alias and the string metatable.
local find = string.find
local s = "GET /a/b?x=1 HTTP/1.1\r\nHost: h\r\n\r\n"
local n = #s
local inits = { 1, 2, 5, n, n + 1, n + 2, 0, -1, -n, -n - 1, 1.5, 2^31, 2^53, 0/0, 1/0, -1/0, "3", "x" }
for _, p in ipairs({ "\r\n", "?", ":", "", "HTTP/1.1", "zz", "a.b", "%d", "x=1", "1\r" }) do
  print("2", p:gsub("[\r\n]", "~"), pcall(find, s, p))
  for _, init in ipairs(inits) do
    print("3", tostring(init), pcall(find, s, p, init))
    print("4t", tostring(init), pcall(find, s, p, init, true))
    print("4f", tostring(init), pcall(find, s, p, init, false))
    print("4n", tostring(init), pcall(find, s, p, init, nil))
    print("4x", tostring(init), pcall(find, s, p, init, 0))
  end
  print("m", pcall(function() return s:find(p, 3, true) end))
end
-- results used as one value, as several, and discarded
local a = find(s, "/")
local b, c = find(s, "HTTP", 1, true)
local t = { find(s, "\r\n", 1, true) }
find(s, "x")
print(a, b, c, #t, t[1], t[2], select("#", find(s, "nope", 1, true)), select("#", find(s, "Host", 1, true)))
-- non-string subjects and patterns (coerced by the body), wrong types, missing arguments
print(find(12345, 34), find(12345, 34, 2, true), find("a1.5b", 1.5, 1, true))
print(pcall(find, nil, "a")); print(pcall(find, "a", nil)); print(pcall(find, {}, "a", 1, true)); print(pcall(find, "a", "a", {}))
print(pcall(find)); print(pcall(find, "abc"))
-- a long subject, every byte value, and a search near the end
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local bytes = table.concat(all):rep(40)
print(find(bytes, "\0\1\2", 2, true), find(bytes, "\254\255", #bytes - 1, true), find(bytes, "\255\0", #bytes - 1, true))
-- a replaced string.find is seen by the same compiled sites
local function at(x) return string.find(x, "b", 1, true) end
print(at("abc"))
local saved = string.find
string.find = function() return "replaced" end
print(at("abc"), ("abc"):find("b"))
string.find = saved
print(at("abc"))
-- errors inside find name it as LuaJIT does
local function bad() return s:find("(", 1) end
print(pcall(bad))
