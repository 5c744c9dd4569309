-- string.find's plain search (its own path) and gsub when no byte of the subject can begin a match
-- (the subject comes back unchanged): init handling, specials with plain=true, errors, counts.
local s = "GET /a?b=1 HTTP/1.1\r\nHost: x\r\n\r\n"
print(s:find("\r\n"), s:find("\r\n", 20), s:find("\r\n", -4), s:find("\r\n", 100), s:find("\r\n", -100))
print(s:find("", 1), s:find("", #s + 1), s:find("", #s + 2), s:find("", -1), s:find("zzz"))
print(s:find("a?b", 1, true), s:find(".", 1, true), s:find("%", 1, true), s:find("[", 1, true))
print(s:find("?b=", 1), s:find("x\r", 0, true), s:find("\r\n", 1.9, true), s:find("\r\n", "3", 1))
print(pcall(string.find, s, "x", "bad"))
print(pcall(string.find, nil, "x"))
print(pcall(string.find, s))
print(("a\0b\0c"):find("\0c", 1, true), ("a\0b"):find("b\0", 1, true))

local function show(...) print(select("#", ...), ...) end
show(("plain text"):gsub('[%c"\\]', "_"))
show(("with \"quote\""):gsub('[%c"\\]', "_"))
show(("tab\there"):gsub('[%c"\\]', function(c) return "<" .. c:byte() .. ">" end))
show(("abc"):gsub("x", "y"))
show(("abc"):gsub("x*", "-"))
show(("abc"):gsub("^x", "y"))
show(("abc"):gsub("z", "y", 0))
show((""):gsub("a", "b"))
show(("abc"):gsub("%d", { ["1"] = "one" }))
show(("a1b2"):gsub("%d", { ["1"] = "one" }))
show(("aaa"):gsub("b", "%1"))
print(pcall(string.gsub, "abc", "[x", ""))
print(pcall(string.gsub, "abc", "x", true))
print(pcall(string.gsub, "abc", "(x", ""))
print(pcall(string.gsub, "abc", "%", ""))
print(pcall(string.gsub, "xyz", "[a-", ""))
local original = "unchanged"
local copy, n = original:gsub("%d", "#")
print(copy == original, n, #copy)
