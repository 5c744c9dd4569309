# The *_by_lua phases in nginx's order: server_rewrite, rewrite (postponed after the rewrite
# module unless rewrite_by_lua_no_postpone), access, precontent, content, header_filter (before
# add_header), body_filter, log; set_by_lua among the rewrite directives; init_by_lua and
# init_worker_by_lua; ngx.ctx across phases; ngx.get_phase in each.

=== TEST 1: every request phase in order, sharing ngx.ctx
--- config
location /t {
    rewrite_by_lua_block { ngx.ctx.trail = ngx.get_phase() }
    access_by_lua_block { ngx.ctx.trail = ngx.ctx.trail .. "," .. ngx.get_phase() }
    content_by_lua_block { ngx.say(ngx.ctx.trail, ",", ngx.get_phase()) }
    header_filter_by_lua_block { ngx.header["X-Phase"] = ngx.get_phase() .. "/" .. ngx.ctx.trail }
    log_by_lua_block { ngx.log(ngx.WARN, "log phase: ", ngx.get_phase(), " ", ngx.ctx.trail) }
}
--- request
GET /t
--- response_headers
X-Phase: header_filter/rewrite,access
--- response_body
rewrite,access,content
--- error_log
[lua] log_by_lua(nginx.conf:20):1: log phase: log rewrite,access while logging request

=== TEST 2: rewrite_by_lua runs after the location's set directives
--- config
location /t {
    set $a 1;
    rewrite_by_lua_block { ngx.var.a = ngx.var.a .. "L" }
    set $a "${a}S";
    content_by_lua_block { ngx.say(ngx.var.a) }
}
--- request
GET /t
--- response_body
1SL

=== TEST 3: rewrite_by_lua_no_postpone runs it before the rewrite directives
--- http_config
rewrite_by_lua_no_postpone on;
--- config
location /t {
    set $a 1;
    rewrite_by_lua_block { ngx.var.a = "L" }
    content_by_lua_block { ngx.say(ngx.var.a) }
}
--- request
GET /t
--- response_body
1

=== TEST 4: server_rewrite_by_lua runs before the server's rewrite directives
--- config
set $v "S";
server_rewrite_by_lua_block { ngx.ctx.before = ngx.var.v }
location /t { content_by_lua_block { ngx.say("[", ngx.ctx.before, "] ", ngx.var.v) } }
--- request
GET /t
--- response_body
[] S

=== TEST 5: server_rewrite_by_lua can answer before a location is found
--- config
server_rewrite_by_lua_block { if ngx.var.uri == "/blocked" then ngx.exit(403) end }
location / { return 200 "open\n"; }
--- request
GET /blocked
--- error_code: 403

=== TEST 6: server_rewrite_by_lua at http level is inherited
--- http_config
server_rewrite_by_lua_block { ngx.ctx.http = "yes" }
--- config
location /t { content_by_lua_block { ngx.say("http level: ", ngx.ctx.http) } }
--- request
GET /t
--- response_body
http level: yes

=== TEST 7: access_by_lua inherited from the server level
--- config
access_by_lua_block { if ngx.var.arg_key ~= "k" then ngx.exit(403) end }
location /t { content_by_lua_block { ngx.say("granted") } }
--- request
GET /t?key=k
--- response_body
granted

=== TEST 8: access_by_lua denies
--- config
access_by_lua_block { if ngx.var.arg_key ~= "k" then ngx.exit(403) end }
location /t { content_by_lua_block { ngx.say("granted") } }
--- request
GET /t?key=x
--- error_code: 403

=== TEST 9: access_by_lua output without exit answers there
--- config
location /t { access_by_lua_block { ngx.say("from access") } content_by_lua_block { ngx.say("content") } }
--- request
GET /t
--- response_body
from access

=== TEST 10: access_by_lua before a static file
--- config
location /f { access_by_lua_block { ngx.header["X-Checked"] = "1" } }
--- files
>>> html/f
file body
--- request
GET /f
--- response_headers
X-Checked: 1
--- response_body
file body

=== TEST 11: rewrite_by_lua in front of return is too late (return runs first)
--- config
location /t { rewrite_by_lua_block { ngx.exit(403) } return 200 "returned\n"; }
--- request
GET /t
--- response_body
returned

=== TEST 12: precontent_by_lua runs between access and content
--- config
location /t {
    access_by_lua_block { ngx.ctx.t = "a" }
    precontent_by_lua_block { ngx.ctx.t = ngx.ctx.t .. "p" .. ngx.get_phase() }
    content_by_lua_block { ngx.say(ngx.ctx.t) }
}
--- request
GET /t
--- response_body
apprecontent
--- skip_nginx
precontent_by_lua is not in Debian's 0.10.23 build

=== TEST 13: header_filter_by_lua runs before add_header
--- config
location /t {
    add_header X-A 1;
    header_filter_by_lua_block { ngx.header["X-B"] = ngx.header["X-A"] or "nil" }
    return 200 "ok\n";
}
--- request
GET /t
--- response_headers
X-A: 1
X-B: nil

=== TEST 14: header_filter_by_lua changes the status of a static answer
--- config
location /t { header_filter_by_lua_block { ngx.status = 201 ngx.header.content_type = "text/x-changed" } return 200 "ok\n"; }
--- request
GET /t
--- error_code: 201
--- response_headers
Content-Type: text/x-changed

=== TEST 15: header_filter_by_lua sees error pages too
--- config
location /t { header_filter_by_lua_block { ngx.header["X-Status"] = ngx.status } return 404; }
--- request
GET /t
--- error_code: 404
--- response_headers
X-Status: 404

=== TEST 16: ngx.say is disabled in header_filter_by_lua
--- config
location /t {
    header_filter_by_lua_block { local ok, err = pcall(ngx.say, "x") ngx.header["X-Err"] = err }
    return 200 "ok\n";
}
--- request
GET /t
--- response_headers
X-Err: API disabled in the context of header_filter_by_lua*

=== TEST 17: ngx.sleep is disabled in header_filter_by_lua
--- config
location /t {
    header_filter_by_lua_block { local ok, err = pcall(ngx.sleep, 0.1) ngx.header["X-Err"] = err }
    return 200 "ok\n";
}
--- request
GET /t
--- response_headers
X-Err: API disabled in the context of header_filter_by_lua*

=== TEST 18: body_filter_by_lua rewrites every piece
--- config
location /t {
    body_filter_by_lua_block { ngx.arg[1] = string.upper(ngx.arg[1]) }
    content_by_lua_block { ngx.say("hello") ngx.flush(true) ngx.say("world") }
}
--- request
GET /t
--- response_body
HELLO
WORLD

=== TEST 19: body_filter_by_lua on a return body
--- config
location /t { body_filter_by_lua_block { ngx.arg[1] = string.gsub(ngx.arg[1], "o", "0") } return 200 "foo boo\n"; }
--- request
GET /t
--- response_body
f00 b00

=== TEST 20: body_filter_by_lua ends the body early with ngx.arg[2]
--- config
location /t {
    body_filter_by_lua_block {
        if string.find(ngx.arg[1], "stop", 1, true) then ngx.arg[1] = "cut\n" ngx.arg[2] = true end
    }
    content_by_lua_block { ngx.say("one") ngx.flush(true) ngx.say("stop") ngx.flush(true) ngx.say("never") }
}
--- request
GET /t
--- response_body
one
cut

=== TEST 21: body_filter_by_lua appends at the end
--- config
location /t {
    body_filter_by_lua_block { if ngx.arg[2] then ngx.arg[1] = ngx.arg[1] .. "trailer\n" end }
    content_by_lua_block { ngx.say("body") }
}
--- request
GET /t
--- response_body
body
trailer

=== TEST 22: ngx.exit is disabled in body_filter_by_lua
--- config
location /t {
    body_filter_by_lua_block { if ngx.arg[2] then local ok, err = pcall(ngx.exit, 200) ngx.arg[1] = err .. "\n" end }
    content_by_lua_block { ngx.say("body") }
}
--- request
GET /t
--- response_body
body
API disabled in the context of body_filter_by_lua*

=== TEST 23: log_by_lua sees the final status and body size
--- config
location /t { content_by_lua_block { ngx.status = 202 ngx.say("12345") } log_by_lua_block { ngx.log(ngx.WARN, "status ", ngx.status, " sent ", ngx.var.body_bytes_sent) } }
--- request
GET /t
--- error_code: 202
--- error_log
status 202 sent

=== TEST 24: ngx.say and ngx.sleep are disabled in log_by_lua
--- config
location /t { content_by_lua_block { ngx.say("ok") } log_by_lua_block { local ok, e = pcall(ngx.say, "x") local ok2, e2 = pcall(ngx.sleep, 1) ngx.log(ngx.ERR, "LOG ", e, " | ", e2) } }
--- request
GET /t
--- response_body
ok
--- error_log
LOG API disabled in the context of log_by_lua* | API disabled in the context of log_by_lua* while logging request

=== TEST 25: log_by_lua at the server level runs for every location
--- config
log_by_lua_block { ngx.log(ngx.WARN, "logged ", ngx.var.uri) }
location /t { return 200 "ok\n"; }
--- request
GET /t
--- error_log
logged /t while logging request

=== TEST 26: set_by_lua with arguments
--- config
location /t { set_by_lua $sum 'return ngx.arg[1] + ngx.arg[2]' 3 $arg_b; return 200 "sum=$sum\n"; }
--- request
GET /t?b=4
--- response_body
sum=7

=== TEST 27: set_by_lua_block
--- config
location /t { set_by_lua_block $x { return "block " .. ngx.get_phase() } return 200 "$x\n"; }
--- request
GET /t
--- response_body
block set

=== TEST 28: set_by_lua_file with arguments
--- config
location /t { set_by_lua_file $x html/set.lua a b; return 200 "$x\n"; }
--- files
>>> html/set.lua
return #ngx.arg .. ":" .. ngx.arg[1] .. "+" .. ngx.arg[2]
--- request
GET /t
--- response_body
0:a+b

=== TEST 29: set_by_lua runs in order with set
--- config
location /t { set $a "x"; set_by_lua $b 'return ngx.var.a .. "y"'; set $c "${b}z"; return 200 "$c\n"; }
--- request
GET /t
--- response_body
xyz

=== TEST 30: set_by_lua returning nil sets an empty value
--- config
location /t { set_by_lua $v 'return nil'; return 200 "[$v]\n"; }
--- request
GET /t
--- response_body
[]

=== TEST 31: set_by_lua error gives 500 and nginx's log line
--- config
location /t { set_by_lua_block $v { error("set boom") } return 200 "$v\n"; }
--- request
GET /t
--- error_code: 500
--- error_log
failed to run set_by_lua*: set_by_lua(nginx.conf:15):1: set boom

=== TEST 32: ngx.sleep is disabled in set_by_lua
--- config
location /t { set_by_lua_block $v { local ok, err = pcall(ngx.sleep, 1) return err } return 200 "$v\n"; }
--- request
GET /t
--- response_body
API disabled in the context of set_by_lua*

=== TEST 33: init_by_lua sets globals every request sees
--- http_config
init_by_lua_block { greeting = "hi from init" }
--- config
location /t { content_by_lua_block { ngx.say(greeting) } }
--- request
GET /t
--- response_body
hi from init
--- no_error_log
writing a global Lua variable

=== TEST 34: init_by_lua phase name
--- http_config
init_by_lua_block { init_phase = ngx.get_phase() }
--- config
location /t { content_by_lua_block { ngx.say(init_phase) } }
--- request
GET /t
--- response_body
init

=== TEST 35: init_worker_by_lua runs in the worker
--- http_config
init_worker_by_lua_block { worker_seen = ngx.get_phase() .. " " .. ngx.worker.id() .. " " .. ngx.worker.count() }
--- config
location /t { content_by_lua_block { ngx.say(worker_seen) } }
--- request
GET /t
--- response_body
init_worker 0 1

=== TEST 36: init_by_lua_file
--- http_config
init_by_lua_file html/init.lua;
--- files
>>> html/init.lua
from_file = "init file"
--- config
location /t { content_by_lua_block { ngx.say(from_file) } }
--- request
GET /t
--- response_body
init file

=== TEST 37: an init_by_lua error stops start-up
--- http_config
init_by_lua_block { error("bad init") }
--- config
location /t { return 200; }
--- must_die
--- error_log
init_by_lua error: init_by_lua(nginx.conf:11):1: bad init

=== TEST 38: ngx.say is refused in init_by_lua
--- http_config
init_by_lua_block { local ok, err = pcall(ngx.say, "x") init_err = err }
--- config
location /t { content_by_lua_block { ngx.say(init_err) } }
--- request
GET /t
--- response_body
no request object found

=== TEST 39: lua_need_request_body reads the body before content
--- http_config
lua_need_request_body on;
--- config
location /t { content_by_lua_block { ngx.say("body: ", ngx.req.get_body_data()) } }
--- request
POST /t
hello body
--- response_body
body: hello body

=== TEST 40: access_by_lua then proxy-free static content with ngx.var
--- config
location /t { access_by_lua_block { ngx.var.limit = "10" } set $limit 0; return 200 "limit=$limit\n"; }
--- request
GET /t
--- response_body
limit=0

=== TEST 41: rewrite_by_lua changes the URI with set_uri and jump
--- config
location /old { rewrite_by_lua_block { ngx.req.set_uri("/new", true) } }
location /new { content_by_lua_block { ngx.say("new ", ngx.var.uri) } }
--- request
GET /old
--- response_body
new /new

=== TEST 42: set_uri without jump keeps the location
--- config
location /old { rewrite_by_lua_block { ngx.req.set_uri("/changed") } content_by_lua_block { ngx.say("still old location, uri ", ngx.var.uri) } }
--- request
GET /old
--- response_body
still old location, uri /changed

=== TEST 43: set_uri with jump is refused in content
--- config
location /t { content_by_lua_block { local ok, err = pcall(ngx.req.set_uri, "/x", true) ngx.say(err) } }
--- request
GET /t
--- response_body
API disabled in the context of content_by_lua*
