# The ngx.re module (require "ngx.re"): split with max, ctx, res and captures, opt; and the
# lua_regex_match_limit / lua_regex_cache_max_entries directives. Expected bodies are nginx's
# answers (ngx_lua 0.10.23 with lua-resty-core's ngx.re).

=== TEST 1: split on a separator
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("a,b,,c", ","))
show(re.split("a b  c", " +"))
} }
--- request
GET /t
--- response_body
4 [a][b][][c]
3 [a][b][c]

=== TEST 2: split drops trailing empty pieces
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("a,b,,c,,", ","))
show(re.split(",a,", ","))
show(re.split(",,,", ","))
} }
--- request
GET /t
--- response_body
4 [a][b][][c]
2 [][a]
0 

=== TEST 3: split with max keeps the rest
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("a,b,c", ",", nil, nil, 2))
show(re.split("a,b", ",", nil, nil, 1))
show(re.split("a,b,c,,", ",", nil, nil, 10))
} }
--- request
GET /t
--- response_body
2 [a][b,c]
1 [a,b]
5 [a][b][c][][]

=== TEST 4: split on an empty pattern splits characters
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("abc", ""))
show(re.split("abc", "", nil, nil, 2))
} }
--- request
GET /t
--- response_body
3 [a][b][c]
2 [a][bc]

=== TEST 5: split keeps the first capture
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("a1b2c", "([0-9])"))
show(re.split("a1b2c", "([0-9])(x)?"))
show(re.split("a-b_c", "(-)|(_)"))
} }
--- request
GET /t
--- response_body
5 [a][1][b][2][c]
5 [a][1][b][2][c]
5 [a][-][b][a-b_c][c]

=== TEST 6: split of an empty subject and no match
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("", ","))
show(re.split("abc", ","))
} }
--- request
GET /t
--- response_body
0 
1 [abc]

=== TEST 7: split with ctx.pos
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("a,b,c", ",", nil, {pos = 3}))
local ctx = {} show(re.split("a,b,c", ",", nil, ctx)) ngx.say(ctx.pos)
show(re.split("a,b,c", ",", nil, {pos = 10}))
} }
--- request
GET /t
--- response_body
2 [b][c]
3 [a][b][c]
4
0 

=== TEST 8: split into a res table
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
local res = {"x", "y", "z", "w", "v"} local t = re.split("a,b", ",", nil, nil, nil, res)
ngx.say(t == res, " ", #res, " ", res[1], res[2], " ", tostring(res[3]), " ", tostring(res[4]))
} }
--- request
GET /t
--- response_body
true 5 ab nil w

=== TEST 9: split errors
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("a,b", "("))
ngx.say(select(2, pcall(re.split, "a,b", ",", nil, nil, nil, "x")))
} }
--- request
GET /t
--- response_body
nil pcre_compile() failed: missing ) in "("
res is not a table

=== TEST 10: split with flags
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
show(re.split("aXbxc", "x", "i"))
show(re.split("h\195\169h\195\169", "", "u"))
} }
--- request
GET /t
--- response_body
3 [a][b][c]
nil pcre_exec() failed: -11

=== TEST 11: opt rejects unknown options
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
ngx.say(select(2, pcall(re.opt, "foo", 1)))
} }
--- request
GET /t
--- response_body
unrecognized option name

=== TEST 12: opt jit_stack_size before any cached regex
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
ngx.say(pcall(re.opt, "jit_stack_size", 128 * 1024))
} }
--- request
GET /t
--- response_body
true

=== TEST 13: opt jit_stack_size after a cached regex
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
ngx.re.match("a", "a", "o")
ngx.say(select(2, pcall(re.opt, "jit_stack_size", 128 * 1024)))
} }
--- request
GET /t
--- response_body
changing jit stack size is not allowed when some regexs have already been compiled and cached

=== TEST 14: lua_regex_match_limit makes a runaway match fail sooner
--- http_config
lua_regex_match_limit 5000;
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
ngx.say(ngx.re.match(string.rep("a", 40) .. "b", "(a+)+$"))
ngx.say(ngx.re.match("hello", "l+")[0])
} }
--- request
GET /t
--- response_body
nilpcre_exec() failed: -8
ll

=== TEST 15: lua_regex_cache_max_entries 0 still compiles o patterns
--- http_config
lua_regex_cache_max_entries 0;
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
for i = 1, 3 do ngx.say(ngx.re.match("a" .. i, "[0-9]", "o")[0]) end
ngx.say(pcall(re.opt, "jit_stack_size", 4096))
} }
--- request
GET /t
--- response_body
1
2
3
true

=== TEST 16: more o patterns than the cache holds
--- http_config
lua_regex_cache_max_entries 5;
--- config
location /t { content_by_lua_block {
local function show(t, err)
  if not t then ngx.say("nil ", tostring(err)) return end
  local parts = {} for i = 1, #t do parts[i] = "[" .. t[i] .. "]" end
  ngx.say(#t, " ", table.concat(parts))
end
local re = require "ngx.re"
local n = 0 for i = 1, 20 do if ngx.re.match("x" .. i, "x" .. i, "o") then n = n + 1 end end ngx.say(n)
ngx.say(ngx.re.gsub("abc", "b", "x", "o"))
} }
--- request
GET /t
--- response_body
20
axc1
