# ngx.exit (every kind of status, in each phase), ngx.exec, ngx.redirect and ngx.status.

=== TEST 1: ngx.exit(200) with no output: empty body
--- config
location /t { content_by_lua_block { ngx.exit(200) } }
--- request
GET /t
--- error_code: 200
--- response_body chomp

=== TEST 2: ngx.exit(404): the built-in page
--- config
location /t { content_by_lua_block { ngx.exit(404) } }
--- request
GET /t
--- error_code: 404
--- error_page: 404

=== TEST 3: ngx.exit(ngx.HTTP_FORBIDDEN) uses error_page
--- config
error_page 403 /denied;
location /denied { return 200 "denied page\n"; }
location /t { content_by_lua_block { ngx.exit(ngx.HTTP_FORBIDDEN) } }
--- request
GET /t
--- error_code: 403
--- response_body
denied page

=== TEST 4: ngx.exit(999): a bare status line, empty body
--- config
location /t { content_by_lua_block { ngx.exit(999) } }
--- request
GET /t
--- status_line: HTTP/1.1 999
--- response_headers
Content-Length: 0
!Content-Type

=== TEST 5: ngx.exit(ngx.OK) ends the handler after output
--- config
location /t { content_by_lua_block { ngx.say("x") ngx.exit(ngx.OK) ngx.say("y") } }
--- request
GET /t
--- response_body
x

=== TEST 6: ngx.exit(201) after output keeps the status sent
--- config
location /t { content_by_lua_block { ngx.say("x") ngx.exit(201) } }
--- request
GET /t
--- error_code: 200
--- response_body
x

=== TEST 7: ngx.exit(204) sends no body and no type
--- config
location /t { content_by_lua_block { ngx.exit(204) } }
--- request
GET /t
--- error_code: 204
--- response_headers
!Content-Type
!Content-Length

=== TEST 8: ngx.exit(ngx.HTTP_CLOSE) closes without a response
--- config
location /t { content_by_lua_block { ngx.exit(ngx.HTTP_CLOSE) } }
--- request
GET /t
--- no_response

=== TEST 9: ngx.exit inside pcall still ends the request
--- config
location /t { content_by_lua_block {
    pcall(ngx.exit, 403)
    ngx.say("not reached")
} }
--- request
GET /t
--- error_code: 403

=== TEST 10: ngx.exit(ngx.HTTP_GONE)
--- config
location /t { content_by_lua_block { ngx.exit(ngx.HTTP_GONE) } }
--- request
GET /t
--- error_code: 410
--- error_page: 410

=== TEST 11: ngx.exit(ngx.OK) in rewrite_by_lua goes on to content
--- config
location /t {
    rewrite_by_lua_block { ngx.ctx.seen = "rewrite" ngx.exit(ngx.OK) }
    content_by_lua_block { ngx.say("content after ", ngx.ctx.seen) }
}
--- request
GET /t
--- response_body
content after rewrite

=== TEST 12: ngx.exit(401) in access_by_lua stops before content
--- config
location /t {
    access_by_lua_block { ngx.exit(401) }
    content_by_lua_block { ngx.say("secret") }
}
--- request
GET /t
--- error_code: 401
--- error_page: 401

=== TEST 13: access_by_lua writing output then ngx.exit(200) answers there
--- config
location /t {
    access_by_lua_block { ngx.say("from access") ngx.exit(200) }
    content_by_lua_block { ngx.say("content") }
}
--- request
GET /t
--- response_body
from access

=== TEST 14: ngx.status set before output
--- config
location /t { content_by_lua_block { ngx.status = 202 ngx.say("accepted") } }
--- request
GET /t
--- error_code: 202
--- response_body
accepted

=== TEST 15: ngx.status reads 0 before it is chosen, then the value set
--- config
location /t { content_by_lua_block { local a = ngx.status ngx.status = 418 ngx.say(a, " ", ngx.status) } }
--- request
GET /t
--- error_code: 418
--- response_body
0 418

=== TEST 16: setting ngx.status after the head went out is logged, not raised
--- config
location /t { content_by_lua_block {
    ngx.say("a")
    local ok, err = pcall(function() ngx.status = 500 end)
    ngx.say(ok, " ", err, " ", ngx.status)
} }
--- request
GET /t
--- error_code: 200
--- response_body
a
true nil 200
--- error_log
attempt to set ngx.status after sending out response headers

=== TEST 17: ngx.status with a string number
--- config
location /t { content_by_lua_block { ngx.status = "203" ngx.say(ngx.status) } }
--- request
GET /t
--- error_code: 203
--- response_body
203

=== TEST 18: ngx.redirect defaults to 302 and keeps a relative target
--- config
location /t { content_by_lua_block { ngx.redirect("/elsewhere?a=1") } }
--- request
GET /t
--- error_code: 302
--- response_headers
Location: /elsewhere?a=1

=== TEST 19: ngx.redirect with 301
--- config
location /t { content_by_lua_block { ngx.redirect("http://example.com/x", ngx.HTTP_MOVED_PERMANENTLY) } }
--- request
GET /t
--- error_code: 301
--- response_headers
Location: http://example.com/x
--- error_page: 301

=== TEST 20: ngx.redirect with 307 and 308
--- config
location /a { content_by_lua_block { ngx.redirect("/x", 307) } }
location /b { content_by_lua_block { ngx.redirect("/x", 308) } }
--- request
GET /b
--- error_code: 308

=== TEST 21: ngx.redirect refuses other statuses
--- config
location /t { content_by_lua_block { local ok, err = pcall(ngx.redirect, "/a", 200) ngx.say(err) } }
--- request
GET /t
--- response_body
only ngx.HTTP_MOVED_TEMPORARILY, ngx.HTTP_MOVED_PERMANENTLY, ngx.HTTP_PERMANENT_REDIRECT, ngx.HTTP_SEE_OTHER, and ngx.HTTP_TEMPORARY_REDIRECT are allowed

=== TEST 22: ngx.redirect after output
--- config
location /t { content_by_lua_block { ngx.say("x") local ok, err = pcall(ngx.redirect, "/a") ngx.say(err) } }
--- request
GET /t
--- response_body
x
attempt to call ngx.redirect after sending out the headers

=== TEST 23: ngx.exec with string args
--- config
location /t { content_by_lua_block { ngx.exec("/target", "a=1&b=2") } }
location /target { content_by_lua_block { ngx.say(ngx.var.uri, " ", ngx.var.args, " ", tostring(ngx.req.is_internal())) } }
--- request
GET /t
--- response_body
/target a=1&b=2 true

=== TEST 24: ngx.exec with a table of args
--- config
location /t { content_by_lua_block { ngx.exec("/target", {x = "a b"}) } }
location /target { content_by_lua_block { ngx.say(ngx.var.args) } }
--- request
GET /t
--- response_body
x=a%20b

=== TEST 25: ngx.exec with args in the URI
--- config
location /t { content_by_lua_block { ngx.exec("/target?q=1") } }
location /target { content_by_lua_block { ngx.say(ngx.var.args) } }
--- request
GET /t
--- response_body
q=1

=== TEST 26: ngx.exec to a named location
--- config
location /t { content_by_lua_block { ngx.exec("@named") } }
location @named { content_by_lua_block { ngx.say("named ", ngx.var.uri) } }
--- request
GET /t
--- response_body
named /t

=== TEST 27: ngx.exec from rewrite_by_lua
--- config
location /t { rewrite_by_lua_block { ngx.exec("/target") } content_by_lua_block { ngx.say("no") } }
location /target { return 200 "target\n"; }
--- request
GET /t
--- response_body
target

=== TEST 28: ngx.ctx does not survive ngx.exec
--- config
location /t { content_by_lua_block { ngx.ctx.a = 1 ngx.exec("/target") } }
location /target { content_by_lua_block { ngx.say("ctx.a = ", ngx.ctx.a) } }
--- request
GET /t
--- response_body
ctx.a = nil

=== TEST 29: ngx.exec with an empty URI
--- config
location /t { content_by_lua_block { local ok, err = pcall(ngx.exec, "") ngx.say(err) } }
--- request
GET /t
--- response_body
The uri argument is empty

=== TEST 30: ngx.exec loop stops at the redirect limit
--- config
location /t { content_by_lua_block { ngx.exec("/t") } }
--- request
GET /t
--- error_code: 500
--- error_log
rewrite or internal redirection cycle while internally redirecting to "/t"

=== TEST 31: ngx.exit(ngx.ERROR) closes the connection
--- config
location /t { content_by_lua_block { ngx.exit(ngx.ERROR) } }
--- request
GET /t
--- no_response

=== TEST 32: return in the location runs before the postponed rewrite_by_lua
--- config
location /t { rewrite_by_lua_block { ngx.exit(500) } return 200 "no\n"; }
--- request
GET /t
--- error_code: 200
--- response_body
no

=== TEST 33: ngx.exit(500) from rewrite_by_lua
--- config
location /t { rewrite_by_lua_block { ngx.exit(500) } content_by_lua_block { ngx.say("no") } }
--- request
GET /t
--- error_code: 500
--- error_page: 500

=== TEST 34: HTTP status constants
--- config
location /t { content_by_lua_block {
    ngx.say(ngx.HTTP_OK, " ", ngx.HTTP_CREATED, " ", ngx.HTTP_NO_CONTENT, " ", ngx.HTTP_MOVED_TEMPORARILY, " ",
        ngx.HTTP_NOT_MODIFIED, " ", ngx.HTTP_BAD_REQUEST, " ", ngx.HTTP_NOT_FOUND, " ", ngx.HTTP_NOT_ALLOWED, " ",
        ngx.HTTP_GONE, " ", ngx.HTTP_TOO_MANY_REQUESTS, " ", ngx.HTTP_CLOSE, " ", ngx.HTTP_INTERNAL_SERVER_ERROR, " ",
        ngx.HTTP_SERVICE_UNAVAILABLE, " ", ngx.HTTP_GATEWAY_TIMEOUT, " ", ngx.HTTP_INSUFFICIENT_STORAGE)
    ngx.say(ngx.OK, " ", ngx.ERROR, " ", ngx.AGAIN, " ", ngx.DONE, " ", ngx.DECLINED)
    ngx.say(ngx.HTTP_GET, " ", ngx.HTTP_HEAD, " ", ngx.HTTP_POST, " ", ngx.HTTP_PUT, " ", ngx.HTTP_DELETE, " ", ngx.HTTP_OPTIONS, " ", ngx.HTTP_PATCH)
} }
--- request
GET /t
--- response_body
200 201 204 302 304 400 404 405 410 429 444 500 503 504 507
0 -1 -2 -4 -5
2 4 8 16 32 512 16384
