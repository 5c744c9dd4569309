# ngx.req.*: method, version, raw header, headers (max, raw), set/clear header, URI arguments,
# POST arguments, the body (read, discard, get, set, init/append/finish), start_time, is_internal.

=== TEST 1: get_method and http_version
--- config
location /t { content_by_lua_block { ngx.say(ngx.req.get_method(), " ", ngx.req.http_version()) } }
--- request
GET /t
--- response_body
GET 1.1

=== TEST 2: HTTP/1.0
--- config
location /t { content_by_lua_block { ngx.say(ngx.req.http_version()) } }
--- request
GET /t HTTP/1.0
--- response_body
1

=== TEST 3: set_method
--- config
location /t { rewrite_by_lua_block { ngx.req.set_method(ngx.HTTP_POST) } content_by_lua_block { ngx.say(ngx.req.get_method(), " ", ngx.var.request_method) } }
--- request
GET /t
--- response_body
POST POST

=== TEST 4: set_method with an unknown code
--- config
location /t { content_by_lua_block { local ok, err = pcall(ngx.req.set_method, 3) ngx.say(err) } }
--- request
GET /t
--- response_body
unsupported HTTP method: 3

=== TEST 5: get_headers lowercases names and collects repeats
--- config
location /t { content_by_lua_block {
    local h = ngx.req.get_headers()
    ngx.say(h["x-one"], " ", h.x_one, " ", h["X-ONE"], " ", #h["x-multi"], " ", h["x-multi"][2])
} }
--- request
GET /t
--- more_headers
X-One: 1
X-Multi: a
X-Multi: b
--- response_body
1 1 1 2 b

=== TEST 6: get_headers with raw names
--- config
location /t { content_by_lua_block {
    local h = ngx.req.get_headers(0, true)
    ngx.say(h["X-CaSe"], " ", tostring(h["x-case"]))
} }
--- request
GET /t
--- more_headers
X-CaSe: kept
--- response_body
kept nil

=== TEST 7: get_headers with max
--- config
location /t { content_by_lua_block {
    local h, err = ngx.req.get_headers(2)
    local n = 0
    for _ in pairs(h) do n = n + 1 end
    ngx.say(n, " ", err)
} }
--- request
GET /t
--- more_headers
X-A: 1
X-B: 2
X-C: 3
--- response_body
2 truncated

=== TEST 8: many request headers (hostile count) are capped at 100
--- config
location /t { content_by_lua_block {
    local h, err = ngx.req.get_headers()
    local n = 0
    for _ in pairs(h) do n = n + 1 end
    ngx.say(n, " ", err)
} }
--- raw_request
GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\{X-Many: v\r\n*150}\r\n
--- response_body
3 truncated

=== TEST 9: set_header and clear_header change what later code sees
--- config
location /t {
    rewrite_by_lua_block { ngx.req.set_header("X-Added", "yes") ngx.req.clear_header("X-Drop") ngx.req.set_header("X_Under", "u") }
    content_by_lua_block { ngx.say(ngx.var.http_x_added, " ", tostring(ngx.var.http_x_drop), " ", ngx.req.get_headers()["x-under"]) }
}
--- request
GET /t
--- more_headers
X-Drop: gone
--- response_body
yes nil nil

=== TEST 10: set_header with a table of values
--- config
location /t { content_by_lua_block { ngx.req.set_header("X-L", {"a", "b"}) ngx.say(#ngx.req.get_headers()["x-l"]) } }
--- request
GET /t
--- response_body
2

=== TEST 11: get_uri_args decodes, repeats and bare keys
--- config
location /t { content_by_lua_block {
    local a = ngx.req.get_uri_args()
    ngx.say(a.x, " ", a.y[1], ",", a.y[2], " ", tostring(a.flag), " ", a.sp, " [", a.empty, "]")
} }
--- request
GET /t?x=1&y=a&y=b&flag&sp=a+b%21&empty=
--- response_body
1 a,b true a b! []

=== TEST 12: get_uri_args with max
--- config
location /t { content_by_lua_block {
    local a, err = ngx.req.get_uri_args(2)
    local n = 0
    for _ in pairs(a) do n = n + 1 end
    ngx.say(n, " ", err)
} }
--- request
GET /t?a=1&b=2&c=3
--- response_body
2 truncated

=== TEST 13: get_uri_args caps at 100 by default
--- config
location /t { content_by_lua_block {
    local parts = {}
    for i = 1, 150 do parts[#parts + 1] = "k" .. i .. "=" .. i end
    ngx.req.set_uri_args(table.concat(parts, "&"))
    local a, err = ngx.req.get_uri_args()
    local n = 0
    for _ in pairs(a) do n = n + 1 end
    ngx.say(n, " ", err)
} }
--- request
GET /t
--- response_body
100 truncated

=== TEST 14: set_uri_args with a table
--- config
location /t { content_by_lua_block { ngx.req.set_uri_args({a = "x y"}) ngx.say(ngx.var.args) } }
--- request
GET /t?old=1
--- response_body
a=x%20y

=== TEST 15: read_body then get_body_data
--- config
location /t { content_by_lua_block { ngx.req.read_body() ngx.say("got: ", ngx.req.get_body_data()) } }
--- request
POST /t
some data
--- response_body
got: some data

=== TEST 16: get_body_data before read_body is nil
--- config
location /t { content_by_lua_block { ngx.say(tostring(ngx.req.get_body_data())) } }
--- request
POST /t
unread
--- response_body
nil

=== TEST 17: a request without a body
--- config
location /t { content_by_lua_block { ngx.req.read_body() ngx.say(tostring(ngx.req.get_body_data())) } }
--- request
GET /t
--- response_body
nil

=== TEST 18: get_post_args
--- config
location /t { content_by_lua_block {
    ngx.req.read_body()
    local a = ngx.req.get_post_args()
    ngx.say(a.name, " ", a.v[1], a.v[2])
} }
--- request
POST /t
name=lua+user&v=1&v=2
--- response_body
lua user 12

=== TEST 19: get_post_args before the body is read
--- config
location /t { content_by_lua_block { local ok, err = pcall(ngx.req.get_post_args) ngx.say(ok, " ", err) } }
--- request
POST /t
a=1
--- response_body_like
^false .*

=== TEST 20: set_body_data replaces the body
--- config
location /t { content_by_lua_block { ngx.req.read_body() ngx.req.set_body_data("new body") ngx.say(ngx.req.get_body_data(), " ", ngx.var.http_content_length) } }
--- request
POST /t
old
--- response_body
new body 8

=== TEST 21: init_body, append_body, finish_body
--- config
location /t { content_by_lua_block {
    ngx.req.read_body()
    ngx.req.init_body()
    ngx.req.append_body("part1,")
    ngx.req.append_body("part2")
    ngx.req.finish_body()
    ngx.say(ngx.req.get_body_data())
} }
--- request
POST /t
x
--- response_body
part1,part2

=== TEST 22: discard_body
--- config
location /t { content_by_lua_block { ngx.req.discard_body() ngx.say("discarded") } }
--- request
POST /t
thrown away
--- response_body
discarded

=== TEST 23: raw_header
--- config
location /t { content_by_lua_block { ngx.print(ngx.req.raw_header()) } }
--- raw_request
GET /t HTTP/1.1\r\nHost: localhost\r\nX-Raw: 1\r\nConnection: close\r\n\r\n
--- response_body_like
^GET /t HTTP/1.1\r\nHost: localhost\r\nX-Raw: 1\r\nConnection: close\r\n\r\n$

=== TEST 24: raw_header without the request line
--- config
location /t { content_by_lua_block { ngx.print(ngx.req.raw_header(true)) } }
--- raw_request
GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body_like
^Host: localhost\r\nConnection: close\r\n\r\n$

=== TEST 25: start_time is close to now
--- config
location /t { content_by_lua_block { local t = ngx.req.start_time() ngx.say(type(t), " ", math.abs(os.time() - t) < 5) } }
--- request
GET /t
--- response_body
number true

=== TEST 26: is_internal
--- config
location /t { content_by_lua_block { ngx.say(ngx.req.is_internal()) } }
--- request
GET /t
--- response_body
false

=== TEST 27: get_uri_args decodes bytes
--- config
location /t { content_by_lua_block { ngx.say(#ngx.req.get_uri_args().b) } }
--- request
GET /t?b=%00%ff%41
--- response_body
3

=== TEST 28: read_body in rewrite_by_lua, body seen in content
--- config
location /t { rewrite_by_lua_block { ngx.req.read_body() } content_by_lua_block { ngx.say(ngx.req.get_body_data()) } }
--- request
POST /t
early read
--- response_body
early read

=== TEST 29: a chunked request body
--- config
location /t { content_by_lua_block { ngx.req.read_body() ngx.say(ngx.req.get_body_data()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n
--- response_body
hello world

=== TEST 30: get_body_file is nil for a small body
--- config
location /t { content_by_lua_block { ngx.req.read_body() ngx.say(tostring(ngx.req.get_body_file())) } }
--- request
POST /t
small
--- response_body
nil

=== TEST 31: ngx.req.read_body is disabled in log_by_lua
--- config
location /t { return 200 "ok\n"; log_by_lua_block { local ok, err = pcall(ngx.req.read_body) ngx.log(ngx.WARN, "read_body: ", err) } }
--- request
GET /t
--- error_log
read_body: API disabled in the context of log_by_lua*

=== TEST 32: get_headers: one name in two spellings, raw and lower-cased, twice in a request, and a long value
--- config
location /t { content_by_lua_block {
    local h = ngx.req.get_headers()
    local r = ngx.req.get_headers(0, true)
    local h2 = ngx.req.get_headers()
    ngx.say(type(h["x-dup"]), " ", h["x-dup"][1], " ", h["x-dup"][2], " ", tostring(r["x-dup"]), " ", r["X-Dup"], " ", r["x-DUP"])
    ngx.say(#h["x-long"], " ", h["x-long"] == h2["x-long"], " ", h["x-same"], " ", h["x-other"])
} }
--- request
GET /t
--- more_headers
X-Dup: first
x-DUP: second
X-Long: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvend
X-Same: shared
X-Other: shared
--- response_body
table first second nil first second
153 true shared shared
