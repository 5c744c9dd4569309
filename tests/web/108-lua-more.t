# More interplay with the core: error_page into Lua, body filters over static files, exits in
# the header filter, ngx.resp and ngx.process modules, variables seen by the access log.

=== TEST 1: an error_page target served by content_by_lua
--- config
error_page 404 /lua404;
location /lua404 { content_by_lua_block { ngx.say("lua page for ", ngx.var.request_uri, " status ", ngx.status) } }
location /t { content_by_lua_block { ngx.exit(404) } }
--- request
GET /t
--- error_code: 404
--- response_body
lua page for /t status 404

=== TEST 2: body_filter_by_lua over a static file
--- config
location /f { body_filter_by_lua_block { ngx.arg[1] = string.upper(ngx.arg[1]) } }
--- files
>>> html/f
static text
--- request
GET /f
--- response_body
STATIC TEXT

=== TEST 3: ngx.exit in header_filter_by_lua changes the status
--- config
location /t { header_filter_by_lua_block { ngx.exit(403) } return 200 "body\n"; }
--- request
GET /t
--- error_code: 403

=== TEST 4: require "ngx.resp" add_header appends
--- config
location /t { content_by_lua_block {
    local resp = require "ngx.resp"
    ngx.header["X-Multi"] = "a"
    resp.add_header("X-Multi", "b")
    ngx.say(#ngx.header["X-Multi"])
} }
--- request
GET /t
--- response_body
2

=== TEST 5: require "ngx.process"
--- config
location /t { content_by_lua_block { local process = require "ngx.process" ngx.say(process.type()) } }
--- request
GET /t
--- response_body
single

=== TEST 6: the access log sees the status Lua chose
--- http_config
log_format st "status=$status uri=$uri";
--- config
access_log logs/access.log st;
location /t { content_by_lua_block { ngx.status = 206 ngx.say("x") } }
--- request
GET /t
--- access_log
status=206 uri=/t

=== TEST 7: a variable set in rewrite_by_lua appears in the access log
--- http_config
log_format tagged "tag=$tag";
--- config
access_log logs/access.log tagged;
location /t { set $tag ""; rewrite_by_lua_block { ngx.var.tag = "from-lua" } return 200 "x\n"; }
--- request
GET /t
--- access_log
tag=

=== TEST 8: ngx.resp.get_headers with max
--- config
location /t { content_by_lua_block {
    for i = 1, 5 do ngx.header["X-" .. i] = i end
    local h, err = ngx.resp.get_headers(3)
    ngx.say(err)
} }
--- request
GET /t
--- response_body
truncated

=== TEST 9: ngx.req.get_method for HEAD
--- config
location /t { content_by_lua_block { ngx.header["X-Method"] = ngx.req.get_method() } }
--- request
HEAD /t
--- response_headers
X-Method: HEAD

=== TEST 10: ngx.var.request_body after reading
--- config
location /t { content_by_lua_block { ngx.req.read_body() ngx.say(ngx.var.request_body) } }
--- request
POST /t
var body
--- response_body
var body

=== TEST 11: access_by_lua with satisfy-like logic and a custom status body
--- config
location /t {
    access_by_lua_block {
        if not ngx.var.http_authorization then
            ngx.status = 401
            ngx.header["WWW-Authenticate"] = 'Basic realm="x"'
            ngx.say("auth required")
            return ngx.exit(401)
        end
    }
    content_by_lua_block { ngx.say("welcome") }
}
--- request
GET /t
--- error_code: 401
--- response_headers
WWW-Authenticate: Basic realm="x"
--- response_body
auth required

=== TEST 12: rewrite_by_lua with ngx.req.set_uri_args then content sees them
--- config
location /t { rewrite_by_lua_block { ngx.req.set_uri_args("a=2") } content_by_lua_block { ngx.say(ngx.var.arg_a) } }
--- request
GET /t?a=1
--- response_body
2
