# ngx codec functions (escape_uri with its types, unescape_uri, encode_args, decode_args, base64,
# md5/sha1/hmac, crc32, quote_sql_str) and their bad-argument errors. Expected bodies are nginx's
# answers (ngx_lua 0.10.23), recorded by running each block in nginx.

=== TEST 1: escape_uri defaults to a URI component
--- config
location /t { content_by_lua_block {
ngx.say(ngx.escape_uri("a b/c?d=e&f+g~h*i'j(k)!"))
} }
--- request
GET /t
--- response_body
a%20b%2Fc%3Fd%3De%26f%2Bg~h*i'j(k)!

=== TEST 2: escape_uri type 0 (URI) keeps / ? = &
--- config
location /t { content_by_lua_block {
ngx.say(ngx.escape_uri("a b/c?d=e&f#g%", 0))
} }
--- request
GET /t
--- response_body
a%20b/c%3Fd=e&f%23g%25

=== TEST 3: escape_uri types 1, 3, 4, 5, 6
--- config
location /t { content_by_lua_block {
for t = 1, 6 do ngx.say(t, " ", ngx.escape_uri(" \"#%&'+/:;<=>?@[\\]^`{|}", t)) end
} }
--- request
GET /t
--- response_body
1 %20"%23%25&'%2B/:;<=>%3F@[\]^`{|}
2 %20%22%23%25%26'%2B%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D
3 %20%22%23%25&%27+/:;<=>?@[\]^`{|}
4 %20%22#%&%27+/:;<=>?@[\]^`{|}
5 %20"#%25&'+/:;<=>?@[\]^`{|}
6 %20"#%25&'+/:;<=>?@[\]^`{|}

=== TEST 4: escape_uri of UTF-8 and control bytes
--- config
location /t { content_by_lua_block {
ngx.say(ngx.escape_uri("\195\169\0\1\127\255"))
} }
--- request
GET /t
--- response_body
%C3%A9%00%01%7F%FF

=== TEST 5: escape_uri coerces numbers, nil and false
--- config
location /t { content_by_lua_block {
ngx.say(ngx.escape_uri(12.5), "|", ngx.escape_uri(nil), "|", ngx.escape_uri(false), "|", ngx.escape_uri(true))
} }
--- request
GET /t
--- response_body
12.5|||true

=== TEST 6: escape_uri rejects a bad type
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.escape_uri, "x", "a")))
ngx.say(select(2, pcall(ngx.escape_uri, "x", 7)))
ngx.say(select(2, pcall(ngx.escape_uri, "x", -1)))
} }
--- request
GET /t
--- response_body
content_by_lua(nginx.conf:15):2: "type" is not a number
content_by_lua(nginx.conf:15):3: "type" 7 out of range
content_by_lua(nginx.conf:15):4: "type" -1 out of range

=== TEST 7: unescape_uri decodes %XX and +
--- config
location /t { content_by_lua_block {
ngx.say(ngx.unescape_uri("a%20b+c%2Fd%2fe"), " ", ngx.unescape_uri("%C3%A9") == "\195\169")
} }
--- request
GET /t
--- response_body
a b c/d/e true

=== TEST 8: unescape_uri keeps broken escapes
--- config
location /t { content_by_lua_block {
ngx.say(ngx.unescape_uri("%zz%4%41%"), "|", ngx.unescape_uri("%%41"), "|", ngx.unescape_uri("%4g"), "|", ngx.unescape_uri("100%"))
} }
--- request
GET /t
--- response_body
%zz%4A%|%A|%4g|100%

=== TEST 9: unescape_uri with NUL and nil
--- config
location /t { content_by_lua_block {
ngx.say(#ngx.unescape_uri("%00x"), "|", ngx.unescape_uri(nil), "|", ngx.unescape_uri(42))
} }
--- request
GET /t
--- response_body
2||42

=== TEST 10: encode_args with one key
--- config
location /t { content_by_lua_block {
ngx.say(ngx.encode_args({foo = "bar baz"}))
ngx.say(ngx.encode_args({["a b"] = "c&d=e"}))
} }
--- request
GET /t
--- response_body
foo=bar%20baz
a%20b=c%26d%3De

=== TEST 11: encode_args booleans
--- config
location /t { content_by_lua_block {
ngx.say("[", ngx.encode_args({x = true}), "]")
ngx.say("[", ngx.encode_args({y = false}), "]")
} }
--- request
GET /t
--- response_body
[x]
[]

=== TEST 12: encode_args list values
--- config
location /t { content_by_lua_block {
ngx.say(ngx.encode_args({z = {"1", 2, true, false, "x y"}}))
ngx.say(ngx.encode_args({z = {1, nil, 3}}))
} }
--- request
GET /t
--- response_body
z=1&z=2&z&z=x%20y
z=1&z=3

=== TEST 13: encode_args numbers and empty values
--- config
location /t { content_by_lua_block {
ngx.say(ngx.encode_args({a = 1.5}), "|", ngx.encode_args({a = 1e20}), "|", ngx.encode_args({a = ""}), "|", ngx.encode_args({a = {}}), "|", ngx.encode_args({}))
} }
--- request
GET /t
--- response_body
a=1.5|a=1e%2B20|a=||

=== TEST 14: encode_args errors
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.encode_args, {[1] = "x"})))
ngx.say(select(2, pcall(ngx.encode_args, {a = {{}}})))
ngx.say(select(2, pcall(ngx.encode_args, {a = print})))
ngx.say(select(2, pcall(ngx.encode_args, {a = ngx.null})))
} }
--- request
GET /t
--- response_body
attempt to use a non-string key in the "args" option table
attempt to use table as query arg value
attempt to use function as query arg value
attempt to use userdata as query arg value

=== TEST 15: encode_args argument count and type
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.encode_args)))
ngx.say(select(2, pcall(ngx.encode_args, {}, 1)))
ngx.say(select(2, pcall(ngx.encode_args, "x")))
} }
--- request
GET /t
--- response_body
expecting 1 argument but seen 0
expecting 1 argument but seen 2
bad argument #1 to '?' (table expected, got string)

=== TEST 16: decode_args basic
--- config
location /t { content_by_lua_block {
local a = ngx.decode_args("a=1&b=hello+world&c=%41")
ngx.say(a.a, "|", a.b, "|", a.c)
} }
--- request
GET /t
--- response_body
1|hello world|A

=== TEST 17: decode_args repeated keys become lists
--- config
location /t { content_by_lua_block {
local a = ngx.decode_args("a=1&a=2&a=3&b&b=x")
ngx.say(table.concat(a.a, ","), " ", tostring(a.b[1]), " ", a.b[2])
} }
--- request
GET /t
--- response_body
1,2,3 true x

=== TEST 18: decode_args bare keys, empty values and empty keys
--- config
location /t { content_by_lua_block {
local a = ngx.decode_args("k&e=&=v&&x==y")
local n = 0 for _ in pairs(a) do n = n + 1 end
ngx.say(tostring(a.k), "|", a.e, "|", a.x, "|", n)
} }
--- request
GET /t
--- response_body
true||=y|3

=== TEST 19: decode_args max args and truncated
--- config
location /t { content_by_lua_block {
local a, err = ngx.decode_args("a=1&b=2&c=3", 2)
ngx.say(a.a, a.b, tostring(a.c), " ", err)
local b = ngx.decode_args("a=1&b=2&c=3", 0)
ngx.say(b.c)
} }
--- request
GET /t
--- response_body
12nil truncated
3

=== TEST 20: decode_args counts empty pieces towards max
--- config
location /t { content_by_lua_block {
local a, err = ngx.decode_args("&&&a=1&b=2", 2)
ngx.say(tostring(a.a), " ", tostring(err))
} }
--- request
GET /t
--- response_body
nil truncated

=== TEST 21: decode_args default limit is 100
--- config
location /t { content_by_lua_block {
local t = {} for i = 1, 120 do t[#t + 1] = "k" .. i .. "=v" end
local a = ngx.decode_args(table.concat(t, "&"))
local n = 0 for _ in pairs(a) do n = n + 1 end
ngx.say(n, " ", tostring(a.k100), " ", tostring(a.k101))
} }
--- request
GET /t
--- response_body
100 v nil

=== TEST 22: decode_args errors
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.decode_args)))
ngx.say(select(2, pcall(ngx.decode_args, {})))
ngx.say(select(2, pcall(ngx.decode_args, "a", "x")))
} }
--- request
GET /t
--- response_body
expecting 1 or 2 arguments but seen 0
bad argument #1 to '?' (string expected, got table)
bad argument #2 to '?' (number expected, got string)

=== TEST 23: encode_base64 with and without padding
--- config
location /t { content_by_lua_block {
for _, s in ipairs{"", "f", "fo", "foo", "foob", "fooba", "foobar"} do ngx.say("[", ngx.encode_base64(s), "] [", ngx.encode_base64(s, true), "]") end
} }
--- request
GET /t
--- response_body
[] []
[Zg==] [Zg]
[Zm8=] [Zm8]
[Zm9v] [Zm9v]
[Zm9vYg==] [Zm9vYg]
[Zm9vYmE=] [Zm9vYmE]
[Zm9vYmFy] [Zm9vYmFy]

=== TEST 24: encode_base64 of binary and coerced values
--- config
location /t { content_by_lua_block {
ngx.say(ngx.encode_base64("\0\255\254\1"), "|", ngx.encode_base64(123), "|", ngx.encode_base64(nil), "|", ngx.encode_base64(true))
} }
--- request
GET /t
--- response_body
AP/+AQ==|MTIz||dHJ1ZQ==

=== TEST 25: encode_base64 rejects a non-boolean no_padding
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.encode_base64, "x", 1)))
ngx.say(ngx.encode_base64("x", false))
} }
--- request
GET /t
--- response_body
bad no_padding: boolean expected, got number
eA==

=== TEST 26: decode_base64
--- config
location /t { content_by_lua_block {
ngx.say(ngx.decode_base64("Zm9vYmFy"), "|", ngx.decode_base64("Zm9vYg=="), "|", ngx.decode_base64("Zm9vYg"), "|", ngx.decode_base64(""), "|")
} }
--- request
GET /t
--- response_body
foobar|foob|foob||

=== TEST 27: decode_base64 stops at = and refuses bad bytes
--- config
location /t { content_by_lua_block {
for _, s in ipairs{"aGVsbG8==", "aGV=sbG8", "a", "aGVsb*G8=", "-_-_", "aGVs bG8=", "aGVsbG8=\n", "aGVsbB"} do ngx.say(tostring(ngx.decode_base64(s))) end
} }
--- request
GET /t
--- response_body
hello
he
nil
nil
nil
nil
hello
hell

=== TEST 28: decode_base64 wants a string
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.decode_base64, nil)))
ngx.say(select(2, pcall(ngx.decode_base64, 12)))
} }
--- request
GET /t
--- response_body
string argument only
string argument only

=== TEST 29: decode_base64mime does not exist in ngx_lua 0.10.23
--- config
location /t { content_by_lua_block {
ngx.say(type(ngx.decode_base64mime))
} }
--- request
GET /t
--- response_body
nil

=== TEST 30: md5 and md5_bin
--- config
location /t { content_by_lua_block {
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
ngx.say(ngx.md5("hello"), " ", hex(ngx.md5_bin("hello")), " ", ngx.md5(""), " ", ngx.md5(nil), " ", ngx.md5(12))
} }
--- request
GET /t
--- response_body
5d41402abc4b2a76b9719d911017c592 5d41402abc4b2a76b9719d911017c592 d41d8cd98f00b204e9800998ecf8427e d41d8cd98f00b204e9800998ecf8427e c20ad4d76fe97759aa27a0c99bff6710

=== TEST 31: sha1_bin
--- config
location /t { content_by_lua_block {
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
ngx.say(hex(ngx.sha1_bin("hello")), " ", hex(ngx.sha1_bin("")), " ", #ngx.sha1_bin(string.rep("x", 100000)))
} }
--- request
GET /t
--- response_body
aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d da39a3ee5e6b4b0d3255bfef95601890afd80709 20

=== TEST 32: hmac_sha1
--- config
location /t { content_by_lua_block {
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
ngx.say(hex(ngx.hmac_sha1("key", "The quick brown fox jumps over the lazy dog")))
ngx.say(hex(ngx.hmac_sha1(string.rep("k", 100), "")), " ", hex(ngx.hmac_sha1(12, 13)))
} }
--- request
GET /t
--- response_body
de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9
10e662acd95fe69433326f84609dcfad9e5cb1d1 103fcb34e597ad340c16e395b5d8b16cc41e9f84

=== TEST 33: hmac_sha1 errors
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.hmac_sha1, "k")))
ngx.say(select(2, pcall(ngx.hmac_sha1, nil, "d")))
ngx.say(select(2, pcall(ngx.hmac_sha1, "k", {})))
} }
--- request
GET /t
--- response_body
expecting 2 arguments, but got 1
bad argument #1 to '?' (string expected, got nil)
bad argument #2 to '?' (string expected, got table)

=== TEST 34: crc32_short and crc32_long
--- config
location /t { content_by_lua_block {
ngx.say(ngx.crc32_short("hello"), " ", ngx.crc32_long("hello"), " ", ngx.crc32_short(""), " ", ngx.crc32_long(string.rep("abc", 1000)), " ", ngx.crc32_short(nil))
} }
--- request
GET /t
--- response_body
907060870 907060870 0 733562123 0

=== TEST 35: quote_sql_str escapes
--- config
location /t { content_by_lua_block {
ngx.say(ngx.quote_sql_str("a'b\"c\\d\0e\n\r\t\26f\b"), " ", ngx.quote_sql_str(12), " ", ngx.quote_sql_str(""))
} }
--- request
GET /t
--- response_body
'a\'b\"c\\d\0e\n\r\t\Zf\b' '12' ''

=== TEST 36: quote_sql_str errors
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.quote_sql_str)))
ngx.say(select(2, pcall(ngx.quote_sql_str, nil)))
ngx.say(select(2, pcall(ngx.quote_sql_str, "a", "b")))
} }
--- request
GET /t
--- response_body
expecting one argument
bad argument #1 to '?' (string expected, got nil)
expecting one argument

=== TEST 37: escape_uri and unescape_uri round trip every byte
--- config
location /t { content_by_lua_block {
local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end local all = table.concat(t)
for ty = 0, 6 do ngx.say(ty, " ", ngx.unescape_uri(ngx.escape_uri(all, ty)) == all or ty >= 5, " ", #ngx.escape_uri(all, ty)) end
} }
--- request
GET /t
--- response_body
0 false 586
1 true 588
2 true 626
3 false 588
4 false 584
5 true 324
6 true 324

=== TEST 38: base64 round trip of every byte
--- config
location /t { content_by_lua_block {
local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end local all = table.concat(t)
ngx.say(ngx.decode_base64(ngx.encode_base64(all)) == all, " ", ngx.decode_base64(ngx.encode_base64(all, true)) == all, " ", ngx.md5(ngx.encode_base64(all)))
} }
--- request
GET /t
--- response_body
true true 22b393fe586838478742ce7fa899d897
