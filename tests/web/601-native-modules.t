# The native modules registered in every worker's state: cjson and cjson.safe (nginx loads
# Debian's lua-cjson through lua_package_cpath; tidegate's preload wins over the path), and the
# lua-resty-string family and ngx.base64, which Debian's nginx does not ship (skip_nginx; the
# expected digests are the algorithms' published values).

=== TEST 1: cjson encodes and decodes
--- http_config
lua_package_cpath "/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;;";
--- config
location /t { content_by_lua_block {
    local cjson = require "cjson"
    ngx.say(cjson.encode({1, 2, "three", true}))
    ngx.say(cjson.encode({a = "x/y"}))
    local t = cjson.decode('{"k":[1,2,{"n":null}],"s":"\\u00e9"}')
    ngx.say(t.k[2], " ", t.k[3].n == cjson.null, " ", #t.s)
} }
--- request
GET /t
--- response_body
[1,2,"three",true]
{"a":"x\/y"}
2 true 2

=== TEST 2: cjson.decode raises on bad input, cjson.safe returns nil and the error
--- http_config
lua_package_cpath "/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;;";
--- config
location /t { content_by_lua_block {
    local ok, err = pcall(require("cjson").decode, "{bad")
    ngx.say(ok, " ", err)
    ngx.say(require("cjson.safe").decode("[1,"))
} }
--- request
GET /t
--- response_body
false Expected object key string but found invalid token at character 2
nilExpected value but found T_END at character 4

=== TEST 3: cjson refuses functions and deep nesting
--- http_config
lua_package_cpath "/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;;";
--- config
location /t { content_by_lua_block {
    local cjson = require "cjson"
    ngx.say(pcall(cjson.encode, {f = print}))
    ngx.say(pcall(cjson.decode, string.rep("[", 2000)))
} }
--- request
GET /t
--- response_body
falseCannot serialise function: type not supported
falseFound too many nested data structures (1001) at character 1001

=== TEST 4: cjson is the same module in every request of a worker
--- http_config
lua_package_cpath "/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;;";
--- config
location /t { content_by_lua_block {
    ngx.say(require("cjson") == require("cjson"), " ", require("cjson") ~= require("cjson.safe"))
} }
--- request
GET /t
--- response_body
true true

=== TEST 5: resty.sha1, resty.md5 and resty.string
--- skip_nginx
lua-resty-string and ngx.base64 are not in Debian's nginx packages
--- config
location /t { content_by_lua_block {
    local str = require "resty.string"
    local sha1 = require("resty.sha1"):new()
    sha1:update("a") sha1:update("bc")
    ngx.say(str.to_hex(sha1:final()))
    local md5 = require("resty.md5"):new()
    md5:update("abc")
    ngx.say(str.to_hex(md5:final()))
} }
--- request
GET /t
--- response_body
a9993e364706816aba3e25717850c26c9cd0d89d
900150983cd24fb0d6963f7d28e17f72

=== TEST 6: resty.sha256 and resty.random
--- skip_nginx
lua-resty-string and ngx.base64 are not in Debian's nginx packages
--- config
location /t { content_by_lua_block {
    local str = require "resty.string"
    local sha = require("resty.sha256"):new()
    sha:update("abc")
    ngx.say(str.to_hex(sha:final()))
    local r = require("resty.random").bytes(16)
    ngx.say(#r)
} }
--- request
GET /t
--- response_body
ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
16

=== TEST 7: ngx.base64 url-safe encoding
--- skip_nginx
lua-resty-string and ngx.base64 are not in Debian's nginx packages
--- config
location /t { content_by_lua_block {
    local b64 = require "ngx.base64"
    ngx.say(b64.encode_base64url("\255\254\253"))
    ngx.say(string.byte(b64.decode_base64url("__79"), 1, -1))
    ngx.say(b64.decode_base64url("*"))
} }
--- request
GET /t
--- response_body
__79
255254253
nilinvalid input
