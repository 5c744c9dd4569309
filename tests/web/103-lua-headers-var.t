# ngx.header (set, multi-value, underscores, nil removes, reading, after the head went out),
# ngx.resp.get_headers, ngx.var (read, write, captures, unknown variables), ngx.ctx.

=== TEST 1: ngx.header sets, replaces and removes headers
--- config
location /t { content_by_lua_block {
    ngx.header.X_Foo = "a"
    ngx.header["x-bar"] = {"1", "2"}
    ngx.header.content_type = "text/x"
    ngx.header.X_Num = 12
    ngx.header.X_Gone = "g"
    ngx.header.X_Gone = nil
    ngx.say(ngx.header.x_foo, " ", type(ngx.header.x_bar), " ", ngx.header.content_type, " ", tostring(ngx.header.X_Gone))
} }
--- request
GET /t
--- response_headers
X-Foo: a
Content-Type: text/x
X-Num: 12
!X-Gone
--- response_body
a table text/x nil

=== TEST 2: a multi-value header reads back as a table
--- config
location /t { content_by_lua_block {
    ngx.header["Set-Cookie"] = {"a=1", "b=2"}
    local v = ngx.header["set_cookie"]
    ngx.say(#v, " ", v[1], " ", v[2])
} }
--- request
GET /t
--- response_body
2 a=1 b=2

=== TEST 3: setting a header replaces every earlier value
--- config
location /t { content_by_lua_block {
    ngx.header["X-M"] = {"1", "2"}
    ngx.header["X-M"] = "3"
    ngx.say(ngx.header["X-M"])
} }
--- request
GET /t
--- response_headers
X-M: 3
--- response_body
3

=== TEST 4: an empty table removes the header
--- config
location /t { content_by_lua_block { ngx.header["X-E"] = "x" ngx.header["X-E"] = {} ngx.say(tostring(ngx.header["X-E"])) } }
--- request
GET /t
--- response_headers
!X-E
--- response_body
nil

=== TEST 5: lua_transform_underscores_in_response_headers off keeps underscores
--- http_config
lua_transform_underscores_in_response_headers off;
--- config
location /t { content_by_lua_block { ngx.header.X_Under = "u" ngx.say("ok") } }
--- request
GET /t
--- response_headers
X_Under: u

=== TEST 6: setting a header after the head went out is logged
--- config
location /t { content_by_lua_block { ngx.say("x") ngx.header.X_Late = 1 ngx.say("still running") } }
--- request
GET /t
--- response_headers
!X-Late
--- response_body
x
still running
--- error_log
attempt to set ngx.header.HEADER after sending out response headers

=== TEST 7: Content-Length set from Lua
--- config
location /t { content_by_lua_block { ngx.header.content_length = 3 ngx.print("abc") } }
--- request
GET /t
--- response_headers
Content-Length: 3
!Transfer-Encoding
--- response_body chomp
abc

=== TEST 8: Location header set directly with a status
--- config
location /t { content_by_lua_block { ngx.status = 302 ngx.header.location = "/moved" ngx.print("") } }
--- request
GET /t
--- error_code: 302
--- response_headers
Location: /moved

=== TEST 9: reading request-independent unknown headers gives nil
--- config
location /t { content_by_lua_block { ngx.say(tostring(ngx.header["X-Unknown"]), " ", tostring(ngx.header.content_length)) } }
--- request
GET /t
--- response_body
nil nil

=== TEST 10: ngx.resp.get_headers lists what was set
--- config
location /t { content_by_lua_block {
    ngx.header["X-One"] = "1"
    ngx.header["X-Two"] = {"a", "b"}
    local h = ngx.resp.get_headers()
    ngx.say(h["x-one"], " ", h.x_one, " ", #h["x-two"])
} }
--- request
GET /t
--- response_body
1 1 2

=== TEST 11: many headers set from one handler (hostile size)
--- config
location /t { content_by_lua_block {
    for i = 1, 200 do ngx.header["X-H" .. i] = string.rep("v", 20) end
    ngx.say("done")
} }
--- request
GET /t
--- response_headers
X-H1: vvvvvvvvvvvvvvvvvvvv
X-H200: vvvvvvvvvvvvvvvvvvvv
--- response_body
done

=== TEST 12: a header value of another type is written as tostring gives it
--- config
location /t { content_by_lua_block { local ok, err = pcall(function() ngx.header["X-F"] = true end) ngx.say(ok) } }
--- request
GET /t
--- response_headers
X-F: true
--- response_body
true

=== TEST 13: ngx.var reads core variables
--- config
location /t { content_by_lua_block { ngx.say(ngx.var.uri, " ", ngx.var.args, " ", ngx.var.arg_a, " ", ngx.var.request_method, " ", ngx.var.http_x_test) } }
--- request
GET /t?a=1&b=2
--- more_headers
X-Test: yes
--- response_body
/t a=1&b=2 1 GET yes

=== TEST 14: ngx.var of an unknown variable is nil
--- config
location /t { content_by_lua_block { ngx.say(tostring(ngx.var.no_such_variable)) } }
--- request
GET /t
--- response_body
nil

=== TEST 15: writing a set variable
--- config
location /t { set $who "nobody"; content_by_lua_block { ngx.var.who = "lua" ngx.say(ngx.var.who) } }
--- request
GET /t
--- response_body
lua

=== TEST 16: writing an undeclared variable is an error
--- config
location /t { content_by_lua_block { local ok, err = pcall(function() ngx.var.nonexist = 1 end) ngx.say(err) } }
--- request
GET /t
--- response_body
content_by_lua(nginx.conf:15):1: variable "nonexist" not found for writing; maybe it is a built-in variable that is not changeable or you forgot to use "set $nonexist '';" in the config file to define it first

=== TEST 17: ngx.var.args can be written
--- config
location /t { content_by_lua_block { ngx.var.args = "x=1" ngx.say(ngx.var.args, " ", ngx.var.arg_x) } }
--- request
GET /t?y=2
--- response_body
x=1 1

=== TEST 18: a variable set in Lua reaches a later rewrite directive via the log
--- config
location /t { set $tag ""; rewrite_by_lua_block { ngx.var.tag = "tagged" } content_by_lua_block { ngx.say(ngx.var.tag) } }
--- request
GET /t
--- response_body
tagged

=== TEST 19: regex captures by number
--- config
location ~ ^/cap/(\w+)/(\d+)$ { content_by_lua_block { ngx.say(ngx.var[1], " ", ngx.var[2], " ", tostring(ngx.var[3])) } }
--- request
GET /cap/abc/42
--- response_body
abc 42 nil

=== TEST 20: a number written to a variable
--- config
location /t { set $n ""; content_by_lua_block { ngx.var.n = 42 ngx.say(ngx.var.n, " ", type(ngx.var.n)) } }
--- request
GET /t
--- response_body
42 string

=== TEST 21: ngx.ctx is per request
--- config
location /t { content_by_lua_block { ngx.ctx.n = (ngx.ctx.n or 0) + 1 ngx.say(ngx.ctx.n) } }
--- request
GET /t
--- response_body
1

=== TEST 22: ngx.ctx can be replaced by a table
--- config
location /t { content_by_lua_block { ngx.ctx = {a = "new"} ngx.say(ngx.ctx.a) } }
--- request
GET /t
--- response_body
new

=== TEST 23: ngx.ctx survives into the log phase
--- config
location /t { content_by_lua_block { ngx.ctx.v = "kept" ngx.say("ok") } log_by_lua_block { ngx.log(ngx.WARN, "ctx ", ngx.ctx.v) } }
--- request
GET /t
--- error_log
ctx kept while logging request

=== TEST 24: a global written by a handler logs the write guard warning
--- config
location /t { content_by_lua_block { x_global = 1 ngx.say("ok") } }
--- request
GET /t
--- response_body
ok
--- error_log
[warn]
[lua] _G write guard:12: __newindex(): writing a global Lua variable ('x_global') which may lead to race conditions between concurrent requests, so prefer the use of 'local' variables
content_by_lua(nginx.conf:15):1: in main chunk

=== TEST 25: ngx.header in set_by_lua works before the head
--- config
location /t { set_by_lua_block $x { ngx.header["X-From-Set"] = "s" return "v" } return 200 "$x\n"; }
--- request
GET /t
--- response_headers
X-From-Set: s
