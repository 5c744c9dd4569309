# require "ngx.base64": encode_base64url and decode_base64url (lua-resty-core's module).
# Expected bodies are nginx's answers.

=== TEST 1: encode_base64url is unpadded and URL-safe
--- config
location /t { content_by_lua_block {
local b = require "ngx.base64"
for _, s in ipairs{"", "f", "fo", "foo", "\251\255\191", "hello?>"} do ngx.say("[", b.encode_base64url(s), "]") end
} }
--- request
GET /t
--- response_body
[]
[Zg]
[Zm8]
[Zm9v]
[-_-_]
[aGVsbG8_Pg]

=== TEST 2: decode_base64url
--- config
location /t { content_by_lua_block {
local b = require "ngx.base64"
ngx.say(b.decode_base64url("aGVsbG8_Pg"), " ", b.decode_base64url("Zm9v"), " ", #b.decode_base64url("-_-_"))
ngx.say(b.decode_base64url("Zm9v+/"))
ngx.say(b.decode_base64url("a"))
ngx.say(b.decode_base64url("aGVsbG8=junk"))
} }
--- request
GET /t
--- response_body
hello?> foo 3
nilinvalid input
nilinvalid input
hello

=== TEST 3: base64url functions want strings
--- config
location /t { content_by_lua_block {
local b = require "ngx.base64"
ngx.say(b.encode_base64url(12))
ngx.say(b.decode_base64url(nil))
} }
--- request
GET /t
--- response_body
nilmust provide a string
nilmust provide a string
