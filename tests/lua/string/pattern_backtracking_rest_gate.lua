-- Backtracking of *, + and - where the matcher skips retries that the rest of the pattern cannot
-- start at (its first consuming item past captures, or a final '$'), and answers x* / x*$ at the
-- end of a pattern without recursion: results, captures and errors must stay the C matcher's.
local function show(...) print(select("#", ...), ...) end

-- the rest begins with a plain byte, a class, a set, after captures closing or opening
show(("aaab"):match("(a*)(ab)"))
show(("key = value ; k2=v2"):match("^(%w+)%s*=%s*(.-)%s*;"))
show(("10.0.12.84 - x"):match("(%d+)%.(%d+)%.(%d+)%.(%d+)"))
show(("xxyyzz"):match("(.-)()(z+)"))
show(("abcabc"):match("(.*)c"))
show(("abcabc"):match("(.-)c"))
show(("a.b.c"):match("^(.+)%.(.-)$"))
show(("[[x]]"):match("(.*)%]"))
show(("[[x]]"):match("(.-)[%]x]"))
show(("aaa"):match("a-b"), ("aaa"):match("a*b"), ("aaa"):match("a+$"), ("aab"):match("a+$"))

-- the rest is the final '$', alone or after captures
show(("  trim me  "):match("^%s*(.-)%s*$"))
show(("   "):match("^%s*(.-)%s*$"))
show((""):match("^%s*(.-)%s*$"))
show(("/static/app.css"):match("%.(%w+)$"), ("/static/app.css?"):match("%.(%w+)$"))
show(("abc$"):match("c$"), ("abc$"):match("c%$"), ("ab$c"):match("b$c"), ("a$"):match("a*$"))
show(("aaa"):find("a*"), ("aaa"):find("a-"), ("baaa"):find("a*$"), ("baaa"):find("a-$"))

-- the rest needs zero-allowing items, position captures, balance, frontier, back references
show(("aXbXc"):match("(.-)X(.*)"), ("abba"):match("(a)(.-)%1"))
show(("f(a(b)c)d"):match("(.-)%b()"), ("THE (quick) fox"):match(".-%f[%a](%a+)"))
show(("aaa"):match("(a*)()"), ("abab"):match("(.*)()b"))
show(("x = 1, y = 22"):gsub("(%w+) = (%d+)", "%2=%1"))
show(("one two  three"):gsub("%s*(%S+)%s*", "<%1>"))

-- errors raised by the first attempt, before any retry
print(pcall(string.match, "aaa", "a*("))
print(pcall(string.match, "aaa", "a-)"))
print(pcall(string.match, "aaa", "a*[b"))
print(pcall(string.match, "aaa", "a*%"))
print(pcall(string.match, "aaa", "a-%1"))
print(pcall(string.find, "aaa", "a*%g"))

-- upper-case classes are complements; every class over every byte
local classes = "acdglpsuwxz"
for i = 1, #classes do
  local l = classes:sub(i, i)
  local lower, upper = 0, 0
  for b = 0, 255 do
    local c = string.char(b)
    if c:find("%" .. l) then lower = lower + b end
    if c:find("%" .. l:upper()) then upper = upper + b end
  end
  print(l, lower, upper)
end
