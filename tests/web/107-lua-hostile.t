# Hostile input to the Lua API: header splitting through ngx.header and ngx.redirect, bad
# argument types, yields where nothing may yield, huge output, many requests on one state.

=== TEST 1: CR LF in a response header value is escaped
--- config
location /t { content_by_lua_block { ngx.header["X-A"] = "a\r\nX-Injected: 1" ngx.say("ok") } }
--- request
GET /t
--- response_headers
X-A: a%0D%0AX-Injected: 1
!X-Injected

=== TEST 2: CR LF in a redirect target is refused
--- config
location /t { content_by_lua_block { ngx.redirect("/a\r\nX-Injected: 1") } }
--- request
GET /t
--- error_code: 500
--- response_headers
!X-Injected
--- error_log
unsafe byte "0x0d" in redirect uri "/a\x0D\x0AX-Injected: 1"

=== TEST 3: ngx.exec with a number as args
--- config
location /t { content_by_lua_block { ngx.exec("/target", 1) } }
location /target { content_by_lua_block { ngx.say("args ", ngx.var.args) } }
--- request
GET /t
--- response_body
args 1

=== TEST 4: ngx.var with a table key
--- config
location /t { content_by_lua_block { local ok, e = pcall(function() return ngx.var[{}] end) ngx.say(ok, " ", e) } }
--- request
GET /t
--- response_body
false content_by_lua(nginx.conf:15):1: bad variable name

=== TEST 5: coroutine.yield inside header_filter_by_lua fails that filter
--- config
location /t { header_filter_by_lua_block { coroutine.yield() } return 200 "ok\n"; }
--- request
GET /t
--- timeout: 1
--- error_log
failed to run header_filter_by_lua*: 
attempt to yield

=== TEST 6: a bare coroutine.yield in content_by_lua is resumed
--- config
location /t { content_by_lua_block { ngx.say("a") coroutine.yield() ngx.say("b") } }
--- request
GET /t
--- response_body
a
b

=== TEST 7: a megabyte of output from one handler
--- config
location /t { content_by_lua_block { local s = string.rep("0123456789", 1024) for i = 1, 100 do ngx.print(s) end } }
--- request
GET /t
--- response_body_like
^(0123456789){102400}$

=== TEST 8: one huge ngx.say argument table
--- config
location /t { content_by_lua_block { local t = {} for i = 1, 10000 do t[i] = "x" end ngx.say(#table.concat(t), " ", t[1]) ngx.say(t) } }
--- request
GET /t
--- response_body_like
^10000 x\nx{10000}\n$

=== TEST 9: deeply nested tables in ngx.say
--- config
location /t { content_by_lua_block { local t = {"end"} for i = 1, 50 do t = {t} end ngx.say(t) } }
--- request
GET /t
--- response_body
end

=== TEST 10: an infinite loop does not take other requests down (ngx.sleep in the loop)
--- config
location /t { content_by_lua_block { local n = 0 while n < 3 do ngx.sleep(0.001) n = n + 1 end ngx.say(n) } }
--- request
GET /t
--- response_body
3

=== TEST 11: a header table with 1000 values reads back capped at 100
--- config
location /t { content_by_lua_block { local v = {} for i = 1, 1000 do v[i] = tostring(i) end ngx.header["X-Many"] = v ngx.say(#ngx.header["X-Many"]) } }
--- request
GET /t
--- response_body
100

=== TEST 12: a number as a header name is its text
--- config
location /t { content_by_lua_block { local ok = pcall(function() ngx.header[1] = "x" end) ngx.say(ok) } }
--- request
GET /t
--- response_headers
1: x
--- response_body
true

=== TEST 13: ngx.req.set_header with one argument clears the header
--- config
location /t { content_by_lua_block { local ok, e = pcall(ngx.req.set_header, "X-A") ngx.say(ok, " ", tostring(ngx.var.http_x_a)) } }
--- request
GET /t
--- more_headers
X-A: 1
--- response_body
true nil

=== TEST 14: ngx.print after ngx.eof returns an error, nothing more is sent
--- config
location /t { content_by_lua_block { ngx.say("only") ngx.eof() local ok, e = ngx.print("x") ngx.log(ngx.ERR, "PRINT ", ok, " ", e) } }
--- request
GET /t
--- response_body
only
--- error_log
PRINT nil seen eof

=== TEST 15: a handler erroring on every request keeps the worker serving
--- config
location /t { content_by_lua_block { if ngx.var.arg_x == "boom" then error("boom") end ngx.say("fine") } }
--- raw_request
GET /t?x=boom HTTP/1.1\r\nHost: localhost\r\n\r\nGET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 1
--- error_code: 500

=== TEST 16: ngx.exit with a float status
--- config
location /t { content_by_lua_block { ngx.exit(404.7) } }
--- request
GET /t
--- error_code: 404

=== TEST 17: get_uri_args on a hostile query string
--- config
location /t { content_by_lua_block {
    local a = ngx.req.get_uri_args()
    ngx.say(tostring(a[""]), " ", a["%zz"], " ", tostring(a.b))
} }
--- request
GET /t?=1&%zz=2&&&b
--- response_body
nil 2 true

=== TEST 18: an ngx API call from a user coroutine that does not park works
--- config
location /t { content_by_lua_block {
    local co = coroutine.create(function() ngx.say("inside coroutine ", ngx.var.uri) end)
    coroutine.resume(co)
} }
--- request
GET /t
--- response_body
inside coroutine /t
