# content_by_lua and the output API: ngx.say/ngx.print (value conversions, nested tables,
# argument errors), ngx.flush, ngx.eof, ngx.send_headers, ngx.headers_sent, and the three
# forms of the directive (string, _block, _file).

=== TEST 1: ngx.say and ngx.print write the body, chunked
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.print("world", "!") } }
--- request
GET /t
--- error_code: 200
--- response_headers
Content-Type: text/plain
Transfer-Encoding: chunked
--- response_body chomp
hello
world!

=== TEST 2: numbers, booleans, nil and ngx.null are written as words
--- config
location /t { content_by_lua_block { ngx.say(1, " ", 2.5, " ", true, " ", false, " ", nil, " ", ngx.null, " ", 1e20, " ", -0.1) } }
--- request
GET /t
--- response_body
1 2.5 true false nil null 1e+20 -0.1

=== TEST 3: nested array tables are flattened
--- config
location /t { content_by_lua_block { ngx.say({"a", {"b", {"c", 1}}, {}, "d"}) } }
--- request
GET /t
--- response_body
abc1d

=== TEST 4: a table with a function inside is a bad argument
--- config
location /t { content_by_lua_block {
    local ok, err = pcall(ngx.say, {"a", function() end})
    ngx.say(ok, " ", err)
} }
--- request
GET /t
--- response_body
false bad argument #1 to '?' (bad data type function found)

=== TEST 5: a non-array table is refused
--- config
location /t { content_by_lua_block {
    local ok, err = pcall(ngx.say, {a = 1})
    ngx.say(ok, " ", err)
} }
--- request
GET /t
--- response_body
false bad argument #1 to '?' (non-array table found)

=== TEST 6: a function argument is refused with the accepted types listed
--- config
location /t { content_by_lua_block {
    local ok, err = pcall(ngx.print, print)
    ngx.say(ok, " ", err)
} }
--- request
GET /t
--- response_body
false bad argument #1 to '?' (string, number, boolean, nil, ngx.null, or array table expected, but got function)

=== TEST 7: ngx.say returns 1
--- config
location /t { content_by_lua_block { local r = ngx.say("x") ngx.say(r) } }
--- request
GET /t
--- response_body
x
1

=== TEST 8: content_by_lua string form
--- config
location /t { content_by_lua 'ngx.say("string form")'; }
--- request
GET /t
--- response_body
string form

=== TEST 9: content_by_lua_file, relative to the prefix
--- config
location /t { content_by_lua_file html/hello.lua; }
--- files
>>> html/hello.lua
ngx.say("from a file: ", ngx.var.uri)
--- request
GET /t
--- response_body
from a file: /t

=== TEST 10: content_by_lua_file with a variable in the path
--- config
location ~ ^/run/(\w+)$ { content_by_lua_file html/$1.lua; }
--- files
>>> html/one.lua
ngx.say("one")
>>> html/two.lua
ngx.say("two")
--- request
GET /run/two
--- response_body
two

=== TEST 11: a missing _file gives 404 and nginx's log line
--- config
location /t { content_by_lua_file html/missing.lua; }
--- request
GET /t
--- error_code: 404
--- error_log
failed to load external Lua file "
html/missing.lua": cannot open /
html/missing.lua: No such file or directory

=== TEST 12: headers_sent before and after output
--- config
location /t { content_by_lua_block {
    local before = ngx.headers_sent
    ngx.print("")
    local mid = ngx.headers_sent
    ngx.say("x")
    ngx.say(tostring(before), " ", tostring(mid), " ", tostring(ngx.headers_sent))
} }
--- request
GET /t
--- response_body
x
false true true

=== TEST 13: ngx.send_headers then a second call
--- config
location /t { content_by_lua_block {
    ngx.status = 201
    local ok = ngx.send_headers()
    local ok2, err = ngx.send_headers()
    ngx.say(ok, " ", ok2, " ", err)
} }
--- request
GET /t
--- error_code: 201
--- response_body
1 1 nil

=== TEST 14: ngx.flush sends what was written so far
--- config
location /t { content_by_lua_block {
    ngx.say("one")
    local ok, err = ngx.flush(true)
    ngx.say(ok, " ", err)
} }
--- request
GET /t
--- response_body
one
1 nil

=== TEST 15: ngx.flush with a non-boolean argument
--- config
location /t { content_by_lua_block {
    local ok, err = pcall(ngx.flush, "yes")
    ngx.say(ok, " ", err)
} }
--- request
GET /t
--- response_body_like
^false bad argument #1 to '\?' \(boolean expected, got string\)

=== TEST 16: ngx.eof ends the body; later output is dropped
--- config
location /t { content_by_lua_block {
    ngx.say("before")
    ngx.eof()
    local ok, err = ngx.say("after")
    ngx.log(ngx.ERR, "say after eof: ", ok, " ", err)
} }
--- request
GET /t
--- response_body
before
--- error_log
say after eof: nil seen eof

=== TEST 17: ngx.eof with arguments
--- config
location /t { content_by_lua_block {
    local ok, err = pcall(ngx.eof, 1)
    ngx.say(ok, " ", err)
} }
--- request
GET /t
--- response_body
false no argument is expected

=== TEST 18: an empty handler answers 200 with an empty chunked body
--- config
location /t { content_by_lua_block { } }
--- request
GET /t
--- error_code: 200
--- response_headers
Transfer-Encoding: chunked
--- response_body chomp

=== TEST 19: a large body (200 KB) goes out whole
--- config
location /t { content_by_lua_block {
    for i = 1, 2000 do ngx.say(string.rep("x", 99)) end
} }
--- request
GET /t
--- response_body_like
^(x{99}\n){2000}$

=== TEST 20: HTTP/1.0 client: closed-delimited body
--- config
location /t { content_by_lua_block { ngx.say("ten") } }
--- request
GET /t HTTP/1.0
--- response_headers
!Transfer-Encoding
--- response_body
ten

=== TEST 21: HEAD gets the head only
--- config
location /t { content_by_lua_block { ngx.say("body") } }
--- request
HEAD /t
--- error_code: 200
--- response_body chomp

=== TEST 22: bytes stay bytes
--- config
location /t { content_by_lua_block { ngx.print("\0\255\128ok") } }
--- request
GET /t
--- response_body_like
^\x00\xff\x80ok$

=== TEST 23: lua_use_default_type off: no Content-Type
--- http_config
lua_use_default_type off;
--- config
location /t { content_by_lua_block { ngx.say("typeless") } }
--- request
GET /t
--- response_headers
!Content-Type
--- response_body
typeless

=== TEST 24: default_type of the location is the type
--- config
location /t { default_type application/json; content_by_lua_block { ngx.say("{}") } }
--- request
GET /t
--- response_headers
Content-Type: application/json

=== TEST 25: print with many arguments
--- config
location /t { content_by_lua_block { ngx.print("a", 1, "b", 2, "\n") } }
--- request
GET /t
--- response_body
a1b2

=== TEST 26: HTTP/1.0 with lua_http10_buffering on: the body gets a Content-Length
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.flush(true) ngx.say("world") } }
--- request
GET /t HTTP/1.0
--- response_headers
Content-Length: 12
Connection: close
--- response_body
hello
world

=== TEST 27: HTTP/1.0 with lua_http10_buffering off: no Content-Length
--- config
location /t { lua_http10_buffering off; content_by_lua_block { ngx.say("hello") } }
--- request
GET /t HTTP/1.0
--- response_headers
!Content-Length
Connection: close
--- response_body
hello

=== TEST 28: ngx.flush pushes the first part out before a sleep
--- config
location /t { content_by_lua_block { ngx.say("first") ngx.flush(true) ngx.sleep(0.2) ngx.say("second") } }
--- request
GET /t
--- response_body
first
second

=== TEST 29: ngx.flush with nothing written
--- config
location /t { content_by_lua_block { local ok, err = ngx.flush() ngx.say(tostring(ok), " ", err) } }
--- request
GET /t
--- response_body
nil nothing to flush
