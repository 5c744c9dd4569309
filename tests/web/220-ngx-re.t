# ngx.re.match/find/gmatch/sub/gsub: flags, captures (numbered, named, unmatched as false),
# ctx.pos, res tables, replacement templates and functions, compile and exec errors as ngx_lua's,
# byte subjects and UTF-8 mode. Expected bodies are nginx's answers (ngx_lua 0.10.23 with PCRE 8).

=== TEST 1: match with captures
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("hello, 1234", "([0-9])[0-9]+"))
} }
--- request
GET /t
--- response_body
0=1234 1=1

=== TEST 2: match without a match is nil
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local m, err = ngx.re.match("hello", "[0-9]") ngx.say(tostring(m), " ", tostring(err))
} }
--- request
GET /t
--- response_body
nil nil

=== TEST 3: unmatched captures are false
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("hello", "(h)(x)?(e)"))
show(ngx.re.match("ab", "(a)|(b)"))
} }
--- request
GET /t
--- response_body
0=he 1=h 2=false 3=e
0=a 1=a 2=false

=== TEST 4: named captures by name and number
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("2024-01-15", "(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})"))
show(ngx.re.match("ab", "(?P<first>a)(?'second'b)"))
} }
--- request
GET /t
--- response_body
0=2024-01-15 1=2024 2=01 3=15 d=15 m=01 y=2024
0=ab 1=a 2=b first=a second=b

=== TEST 5: duplicate names need the D flag
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("hello", "(?<n>h)(?<n>e)"))
show(ngx.re.match("hello", "(?<n>h)(?<n>e)", "D"))
show(ngx.re.match("hello", "(?<n>h)|(?<n>e)", "D"))
} }
--- request
GET /t
--- response_body
nil pcre_compile() failed: two named subpatterns have the same name in "(?<n>h)(?<n>e)" at ">e)"
0=he 1=h 2=e n={h,e}
0=h 1=h 2=false n={h}

=== TEST 6: the i flag
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("HELLO", "hel", "i"))
show(ngx.re.match("HELLO", "hel"))
} }
--- request
GET /t
--- response_body
0=HEL
nil nil

=== TEST 7: the m flag
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("a\nb", "^b$", "m"))
show(ngx.re.match("a\nb", "^b$"))
} }
--- request
GET /t
--- response_body
0=b
nil nil

=== TEST 8: the s flag
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.match("a\nb", "a.b", "s") ~= nil, " ", ngx.re.match("a\nb", "a.b") ~= nil)
} }
--- request
GET /t
--- response_body
true false

=== TEST 9: the x flag
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("hello", "h e l # comment\n l", "x"))
show(ngx.re.match("a b", "a\\ b", "x"))
show(ngx.re.match("a b", "a[ ]b", "x"))
} }
--- request
GET /t
--- response_body
0=hell
0=a b
0=a b

=== TEST 10: the a flag anchors at the start position
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("xab", "ab", "a"))
show(ngx.re.match("abx", "ab", "a"))
show(ngx.re.match("baa", "a", "a", {pos = 2}))
} }
--- request
GET /t
--- response_body
nil nil
0=ab
0=a

=== TEST 11: the o and j flags give the same answers
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
for i = 1, 3 do show(ngx.re.match("foo" .. i, "\\d+", "jo")) end
} }
--- request
GET /t
--- response_body
0=1
0=2
0=3

=== TEST 12: inline options
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("hello", "(?i)HEL"))
show(ngx.re.match("hello", "(?i:H)el"))
show(ngx.re.match("Hello", "h(?-i)el", "i"))
show(ngx.re.match("HEllo", "h(?-i)El", "i"))
} }
--- request
GET /t
--- response_body
0=hel
0=hel
0=Hel
0=HEl

=== TEST 13: unknown flags raise an error
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local ok, err = pcall(ngx.re.match, "a", "a", "z") ngx.say(ok, " ", err:match("unknown flag.*"))
} }
--- request
GET /t
--- response_body
false unknown flag "z" (flags "z")

=== TEST 14: ctx.pos starts the search and moves past the match
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local ctx = {pos = 3} show(ngx.re.match("hello", "l", nil, ctx)) ngx.say(ctx.pos)
show(ngx.re.match("hello", "l", nil, ctx)) ngx.say(ctx.pos)
show(ngx.re.match("hello", "l", nil, ctx)) ngx.say(ctx.pos)
} }
--- request
GET /t
--- response_body
0=l
4
0=l
5
nil nil
5

=== TEST 15: ctx.pos beyond the subject
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("hello", "l", nil, {pos = 10}))
show(ngx.re.match("hello", "l", nil, {pos = 6}))
show(ngx.re.match("hello", "$", nil, {pos = 6}))
} }
--- request
GET /t
--- response_body
nil pcre_exec() failed: -24
nil nil
0=

=== TEST 16: a res table is filled and returned
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local res = {9, 9, 9, extra = 1} local m = ngx.re.match("abc", "(b)", nil, nil, res)
ngx.say(m == res, " ", res[0], res[1], " ", res[2], " ", res[3], " ", res.extra)
} }
--- request
GET /t
--- response_body
true bb 9 9 1

=== TEST 17: find returns byte positions
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.find("hello, 1234", "[0-9]+"))
ngx.say(ngx.re.find("hello", "l+"))
ngx.say(ngx.re.find("hello", "x"))
} }
--- request
GET /t
--- response_body
811
34
nil

=== TEST 18: find with nth
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.find("hello, 1234", "([0-9])([0-9]+)", "jo", nil, 2))
ngx.say(ngx.re.find("hello", "(l)(x)?", nil, nil, 2))
ngx.say(ngx.re.find("hello", "(l)(x)?", nil, nil, 3))
} }
--- request
GET /t
--- response_body
911
nilnil
nilnilnth out of bound

=== TEST 19: find with ctx
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local ctx = {} ngx.say(ngx.re.find("a1b2", "\\d", nil, ctx)) ngx.say(ctx.pos)
ngx.say(ngx.re.find("a1b2", "\\d", nil, ctx)) ngx.say(ctx.pos)
} }
--- request
GET /t
--- response_body
22
3
44
5

=== TEST 20: compile errors
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
for _, p in ipairs{"(h", "[a", "a**", ")", "a{2,1}", "x{99999}", "[z-a]", "(?z)", "\\"} do local m, err = ngx.re.match("x", p) ngx.say(err) end
} }
--- request
GET /t
--- response_body
pcre_compile() failed: missing ) in "(h"
pcre_compile() failed: missing terminating ] for character class in "[a"
pcre_compile() failed: nothing to repeat in "a**" at "*"
pcre_compile() failed: unmatched parentheses in ")" at ")"
pcre_compile() failed: numbers out of order in {} quantifier in "a{2,1}" at "}"
pcre_compile() failed: number too big in {} quantifier in "x{99999}" at "}"
pcre_compile() failed: range out of order in character class in "[z-a]" at "a]"
pcre_compile() failed: unrecognized character after (? or (?- in "(?z)" at "z)"
pcre_compile() failed: \ at end of pattern in "\"

=== TEST 21: compile errors about names and references
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
for _, p in ipairs{"(?<n", "(?<1a>x)", "\\k<nope>", "\\1", "(a)\\2", "\\g{-1}", "[[:foo:]]", "\\p{Foo}"} do local m, err = ngx.re.match("x", p) ngx.say(err) end
} }
--- request
GET /t
--- response_body
pcre_compile() failed: syntax error in subpattern name (missing terminator) in "(?<n"
pcre_compile() failed: group name must start with a non-digit in "(?<1a>x)" at "1a>x)"
pcre_compile() failed: reference to non-existent subpattern in "\k<nope>" at ">"
pcre_compile() failed: reference to non-existent subpattern in "\1"
pcre_compile() failed: reference to non-existent subpattern in "(a)\2"
pcre_compile() failed: reference to non-existent subpattern in "\g{-1}" at "}"
pcre_compile() failed: unknown POSIX class name in "[[:foo:]]" at "foo:]]"
pcre_compile() failed: unknown property name after \P or \p in "\p{Foo}" at "}"

=== TEST 22: lookbehind must have a fixed length
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local m, err = ngx.re.match("ab", "(?<=a+)b") ngx.say(err)
show(ngx.re.match("ab", "(?<=a)b"))
show(ngx.re.match("xab", "(?<=xa|a)b"))
} }
--- request
GET /t
--- response_body
pcre_compile() failed: lookbehind assertion is not fixed length in "(?<=a+)b" at ")b"
0=b
0=b

=== TEST 23: long compile errors are cut at 127 bytes
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local m, err = ngx.re.match("x", string.rep("(", 10) .. string.rep("x", 200)) ngx.say(#err, " ", err)
} }
--- request
GET /t
--- response_body
127 pcre_compile() failed: missing ) in "((((((((((xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx

=== TEST 24: find and gmatch return compile errors their way
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.find("x", "("))
ngx.say(ngx.re.gmatch("x", "("))
ngx.say(ngx.re.gsub("x", "(", "y"))
} }
--- request
GET /t
--- response_body
nilnilpcre_compile() failed: missing ) in "("
nilpcre_compile() failed: missing ) in "("
nilnilpcre_compile() failed: missing ) in "("

=== TEST 25: catastrophic patterns hit the match limit
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local s = string.rep("a", 40) .. "b"
ngx.say(ngx.re.match(s, "(a+)+$"))
ngx.say(ngx.re.find(s, "(a|aa)+$"))
ngx.say(ngx.re.gsub(s, "(a+)+$", "x"))
} }
--- request
GET /t
--- response_body
nilpcre_exec() failed: -8
nilnilpcre_exec() failed: -8
nilnilpcre_exec() failed: -8

=== TEST 26: escapes and classes
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("tab\there", "\\s"))
show(ngx.re.match("a_1", "^\\w+$"))
show(ngx.re.match("x\\y", "\\\\"))
show(ngx.re.match("a.b", "a\\.b"))
show(ngx.re.match("foo bar", "\\bbar\\b"))
} }
--- request
GET /t
--- response_body
0=	
0=a_1
0=\
0=a.b
0=bar

=== TEST 27: character class edge cases
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("xyz", "[^x]+"))
show(ngx.re.match("a]b", "[]a]+"))
show(ngx.re.match("a-b", "[a\\-]+"))
show(ngx.re.match("a-b", "[-a]+"))
show(ngx.re.match("a^b", "[\\^a]+"))
} }
--- request
GET /t
--- response_body
0=yz
0=a]
0=a-
0=a-
0=a^

=== TEST 28: POSIX classes
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("ABCabc", "[[:upper:]]+"))
show(ngx.re.match("abc123", "[[:^alpha:]]+"))
show(ngx.re.match("xaa", "[[:alpha:]]+"))
} }
--- request
GET /t
--- response_body
0=ABC
0=123
0=xaa

=== TEST 29: quantifiers, lazy, possessive and atomic
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("aaab", "a+?"))
show(ngx.re.match("aaab", "a*+b"))
show(ngx.re.match("aaa", "a*+a"))
show(ngx.re.match("aab", "(?>a+)b"))
show(ngx.re.match("aaa", "a{2}"))
show(ngx.re.match("a{,2}", "a{,2}"))
} }
--- request
GET /t
--- response_body
0=a
0=aaab
nil nil
0=aab
0=aa
0=a{,2}

=== TEST 30: backreferences
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("abcabc", "(abc)\\1"))
show(ngx.re.match("aa", "(?P<n>a)(?P=n)"))
show(ngx.re.match("aa", "(a)\\g1"))
show(ngx.re.match("aa", "(?<x>a)\\k<x>"))
} }
--- request
GET /t
--- response_body
0=abcabc 1=abc
0=aa 1=a n=a
0=aa 1=a
0=aa 1=a x=a

=== TEST 31: lookarounds and anchors
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("ab", "a(?=b)"))
show(ngx.re.match("ab", "(?<=a)b"))
show(ngx.re.match("ab\ncd", "\\Acd"))
show(ngx.re.match("ab\ncd\n", "cd\\z"))
show(ngx.re.match("ab\ncd\n", "cd\\Z"))
show(ngx.re.match("x\ny\n", "y$"))
} }
--- request
GET /t
--- response_body
0=a
0=b
nil nil
nil nil
0=cd
0=y

=== TEST 32: unknown escapes and quoting
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("y", "\\y"))
show(ngx.re.match("a.b.", "\\Qa.b\\E."))
show(ngx.re.match("ab", "a(?#comment)b"))
ngx.say(ngx.re.find("\1", "\\ca"))
} }
--- request
GET /t
--- response_body
0=y
0=a.b.
0=ab
11

=== TEST 33: byte subjects: offsets are bytes
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.find("\0\1\255", "\\x00\\x01\\xff"))
ngx.say(ngx.re.find("\0ab", "b"))
ngx.say(ngx.re.find("h\195\169llo", "l"))
} }
--- request
GET /t
--- response_body
13
33
44

=== TEST 34: without u a multi-byte character is several bytes
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local m = ngx.re.match("h\195\169llo", "h.l") ngx.say(tostring(m))
ngx.say(#ngx.re.match("h\195\169llo", "h..l")[0])
} }
--- request
GET /t
--- response_body
nil
4

=== TEST 35: the u flag matches characters
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(#ngx.re.match("h\195\169llo", "h.l", "u")[0])
ngx.say(#ngx.re.match("\195\169", "^.$", "u")[0], " ", #ngx.re.match("\226\130\172", "\\x{20ac}", "u")[0])
ngx.say(ngx.re.find("h\195\169llo", "l", "u"))
} }
--- request
GET /t
--- response_body
4
2 3
44

=== TEST 36: u mode: case folding and ASCII classes
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(tostring(ngx.re.match("\195\137", "\195\169", "iu") ~= nil), " ", tostring(ngx.re.match("\195\137", "\195\169", "i") ~= nil))
ngx.say(tostring(ngx.re.match("\201", "\233", "i")), " ", tostring(ngx.re.match("\201", "[\233]", "i")))
ngx.say(tostring(ngx.re.match("\195\169", "^\\w$", "u")), " ", #ngx.re.match("\195\169", "^\\W$", "u")[0])
} }
--- request
GET /t
--- response_body
true false
nil nil
nil 2

=== TEST 37: invalid UTF-8 with u
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.match("h\255llo", "h.l", "u"))
ngx.say(ngx.re.match("\195\169", "l", "u", {pos = 2}))
ngx.say(ngx.re.gsub("h\195\169llo", "", "-", "u"))
} }
--- request
GET /t
--- response_body
nilpcre_exec() failed: -10
nilpcre_exec() failed: -11
nilnilpcre_exec() failed: -11

=== TEST 38: DFA mode finds the longest match
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match("hello", "l+", "d"))
show(ngx.re.match("hello", "(l)+", "d"))
show(ngx.re.match("abab", "ab|abab", "d"))
show(ngx.re.match("abab", "ab|abab"))
} }
--- request
GET /t
--- response_body
0=ll
0=ll
0=abab
0=ab

=== TEST 39: gmatch iterates
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local it = ngx.re.gmatch("a1b22c333", "[0-9]+")
ngx.say(it()[0], " ", it()[0], " ", it()[0], " ", tostring(it()), " ", tostring(it()))
ngx.say(type(ngx.re.gmatch("a", "a")))
} }
--- request
GET /t
--- response_body
1 22 333 nil nil
table

=== TEST 40: gmatch in a for loop with captures
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local r = {} for m in ngx.re.gmatch("k1=v1;k2=v2", "(\\w+)=(\\w+)") do r[#r + 1] = m[1] .. ":" .. m[2] end ngx.say(table.concat(r, ","))
} }
--- request
GET /t
--- response_body
k1:v1,k2:v2

=== TEST 41: gmatch with empty matches
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local it = ngx.re.gmatch("a,b,,c", "([^,]*)") local r = {} while true do local m = it() if not m then break end r[#r + 1] = "[" .. m[1] .. "]" end ngx.say(table.concat(r))
} }
--- request
GET /t
--- response_body
[a][][b][][][c][]

=== TEST 42: sub and gsub with a template
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.sub("hello world", "o", "0"))
ngx.say(ngx.re.gsub("hello world", "(o)", "[$0${1}$$]"))
ngx.say(ngx.re.gsub("a.b.c", "\\.", "/"))
} }
--- request
GET /t
--- response_body
hell0 world1
hell[oo$] w[oo$]rld2
a/b/c2

=== TEST 43: templates: missing captures and many digits
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.gsub("hello world", "o", "$2"))
ngx.say(ngx.re.sub("abc", "(x)?b", "[$1]"))
ngx.say(ngx.re.gsub("hello", "(l)", "$10"))
ngx.say(ngx.re.gsub("abcdefghijklmn", string.rep("(.)", 12), "$10|$11|$12|$1"))
} }
--- request
GET /t
--- response_body
hell wrld2
a[]c1
heo2
j|k|l|amn1

=== TEST 44: templates that do not compile
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
for _, r in ipairs{"$", "${1", "$a", "${a}", "${}", "$1$"} do ngx.say(r, " ", select(3, ngx.re.gsub("hello", "(l)", r))) end
} }
--- request
GET /t
--- response_body
$ failed to compile the replacement template
${1 failed to compile the replacement template
$a failed to compile the replacement template
${a} failed to compile the replacement template
${} failed to compile the replacement template
$1$ failed to compile the replacement template

=== TEST 45: templates with $$ and backslashes
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.gsub("hello", "(l)", "$$1"))
ngx.say(ngx.re.gsub("hello", "(l)", "\\$1"))
ngx.say(ngx.re.gsub("hello", "(l)", "${1}${0}"))
} }
--- request
GET /t
--- response_body
he$1$1o2
he\l\lo2
hellllo2

=== TEST 46: gsub over empty matches
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.gsub("abc", "", "-"))
ngx.say(ngx.re.gsub("abc", "b*", "-"))
ngx.say(ngx.re.gsub("aaa", "a*", "-"))
ngx.say(ngx.re.gsub("", "", "-"))
ngx.say(ngx.re.gsub("", "x", "-"))
} }
--- request
GET /t
--- response_body
-a-b-c-4
-a--c-4
--2
-1
0

=== TEST 47: function replacements
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.gsub("hello", "l", function(m) return m[0]:upper() end))
ngx.say(ngx.re.gsub("hello", "(?<c>l)", function(m) return "<" .. m.c .. ">" end))
ngx.say(ngx.re.sub("hello world", "o", function(m) return nil end))
ngx.say(ngx.re.gsub("hello world", "o", function(m) return 12 end))
} }
--- request
GET /t
--- response_body
heLLo2
he<l><l>o2
hellnil world1
hell12 w12rld2

=== TEST 48: replacement values that are not strings
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
ngx.say(ngx.re.gsub("abc", "b", 5))
ngx.say(ngx.re.gsub("abc", "b", true))
ngx.say(ngx.re.gsub(123, "2", "x"))
} }
--- request
GET /t
--- response_body
a5c1
atruec1
1x31

=== TEST 49: subjects are coerced with tostring
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
show(ngx.re.match(nil, "nil"))
show(ngx.re.match(12, "2"))
show(ngx.re.match(true, "ru"))
} }
--- request
GET /t
--- response_body
0=nil
0=2
0=ru

=== TEST 50: a match on a large subject
--- config
location /t { content_by_lua_block {
local function show(m, err)
  if not m then ngx.say("nil ", tostring(err)) return end
  local keys = {} for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {} for _, k in ipairs(keys) do local v = m[k] if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  ngx.say(table.concat(parts, " "))
end
local s = string.rep("ab", 100000) .. "needle" .. string.rep("ab", 100000)
ngx.say(ngx.re.find(s, "needle"))
local r, n = ngx.re.gsub(s, "b", "c") ngx.say(#r, " ", n)
} }
--- request
GET /t
--- response_body
200001200006
400006 200000
