# ngx.config, ngx.worker, ngx.null, ngx.is_subrequest, ngx.get_phase, ngx.sleep, ngx.on_abort,
# require "resty.core" (native stubs), lua_package_path with $prefix and ";;", lua_code_cache,
# lua_shared_dict declarations and the other lua_* directives accepted with their values.

=== TEST 1: ngx.config
--- config
location /t { content_by_lua_block {
    ngx.say(ngx.config.subsystem, " ", type(ngx.config.debug), " ", ngx.config.ngx_lua_version, " ", ngx.config.nginx_version)
    ngx.say(ngx.config.prefix() == "$TEST_NGINX_PREFIX/", " ", type(ngx.config.nginx_configure()))
} }
--- request
GET /t
--- response_body
http boolean 10023 1022001
true string

=== TEST 2: ngx.worker
--- config
location /t { content_by_lua_block {
    ngx.say(ngx.worker.id(), " ", ngx.worker.count(), " ", tostring(ngx.worker.exiting()), " ", type(ngx.worker.pid()))
} }
--- request
GET /t
--- response_body
0 1 false number

=== TEST 3: ngx.null
--- config
location /t { content_by_lua_block { ngx.say(type(ngx.null), " ", tostring(ngx.null), " ", ngx.null == ngx.null) } }
--- request
GET /t
--- response_body
userdata userdata: NULL true

=== TEST 4: ngx.is_subrequest
--- config
location /t { content_by_lua_block { ngx.say(ngx.is_subrequest) } }
--- request
GET /t
--- response_body
false

=== TEST 5: ngx.sleep parks the handler and it continues
--- config
location /t { content_by_lua_block {
    local t0 = os.clock()
    ngx.say("before")
    ngx.sleep(0.05)
    ngx.say("after")
} }
--- request
GET /t
--- response_body
before
after

=== TEST 6: ngx.sleep with a negative duration
--- config
location /t { content_by_lua_block { ngx.say(pcall(ngx.sleep, -1)) } }
--- request
GET /t
--- response_body
falseinvalid sleep duration "-1000"

=== TEST 7: ngx.sleep inside pcall resumes inside it
--- config
location /t { content_by_lua_block {
    local ok, v = pcall(function() ngx.sleep(0.01) return "inside" end)
    ngx.say(ok, " ", v)
} }
--- request
GET /t
--- response_body
true inside

=== TEST 8: ngx.sleep in rewrite and access phases
--- config
location /t {
    rewrite_by_lua_block { ngx.sleep(0.01) ngx.ctx.r = 1 }
    access_by_lua_block { ngx.sleep(0.01) ngx.ctx.a = 1 }
    content_by_lua_block { ngx.sleep(0) ngx.say(ngx.ctx.r + ngx.ctx.a) }
}
--- request
GET /t
--- response_body
2

=== TEST 9: ngx.on_abort without lua_check_client_abort
--- config
location /t { content_by_lua_block { ngx.say(ngx.on_abort(function() end)) } }
--- request
GET /t
--- response_body
nillua_check_client_abort is off

=== TEST 10: ngx.on_abort with lua_check_client_abort on
--- config
lua_check_client_abort on;
location /t { content_by_lua_block { ngx.say(ngx.on_abort(function() end)) } }
--- request
GET /t
--- response_body
1

=== TEST 11: require "resty.core" loads
--- config
location /t { content_by_lua_block {
    local core = require "resty.core"
    local base = require "resty.core.base"
    require "resty.core.var"
    ngx.say(type(core), " ", type(base), " ", type(base.new_tab))
} }
--- request
GET /t
--- response_body
table table function

=== TEST 12: lua_package_path with $prefix and ;;
--- http_config
lua_package_path "$prefix/lib/?.lua;;";
--- files
>>> lib/mymod.lua
local M = {}
function M.hello() return "hello from mymod" end
return M
--- config
location /t { content_by_lua_block {
    local m = require "mymod"
    ngx.say(m.hello())
    ngx.say(package.path:match("^[^;]*") == "$TEST_NGINX_PREFIX//lib/?.lua")
} }
--- request
GET /t
--- response_body
hello from mymod
true

=== TEST 13: lua_package_cpath is set
--- http_config
lua_package_cpath "/nowhere/?.so;;";
--- config
location /t { content_by_lua_block { ngx.say(package.cpath:sub(1, 13)) } }
--- request
GET /t
--- response_body
/nowhere/?.so

=== TEST 14: a module is loaded once per worker (code cache on)
--- http_config
lua_package_path "$prefix/lib/?.lua;;";
--- files
>>> lib/counter.lua
local M = { n = 0 }
return M
--- config
location /t { content_by_lua_block {
    local c = require "counter"
    c.n = c.n + 1
    ngx.say(c.n)
} }
--- raw_request
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\nGET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
2

=== TEST 15: lua_code_cache off warns at start-up
--- http_config
lua_code_cache off;
--- config
location /t { content_by_lua_block { ngx.say("no cache") } }
--- request
GET /t
--- response_body
no cache

=== TEST 16: lua_shared_dict and the lua_* settings are accepted
--- http_config
lua_shared_dict cache 1m;
lua_shared_dict locks 100k;
lua_regex_cache_max_entries 512;
lua_regex_match_limit 1000;
lua_max_pending_timers 100;
lua_max_running_timers 10;
lua_socket_connect_timeout 5s;
lua_socket_send_timeout 5s;
lua_socket_read_timeout 5s;
lua_socket_buffer_size 8k;
lua_socket_pool_size 10;
lua_socket_keepalive_timeout 30s;
lua_socket_log_errors off;
lua_http10_buffering off;
lua_check_client_abort off;
--- config
location /t { lua_socket_read_timeout 1s; content_by_lua_block { ngx.say("configured") } }
--- request
GET /t
--- response_body
configured

=== TEST 17: lua_shared_dict with a too small size
--- http_config
lua_shared_dict tiny 1k;
--- config
location /t { return 200; }
--- must_die
--- error_log
invalid lua shared dict size "1k"

=== TEST 18: an unknown lua_ directive
--- http_config
lua_no_such_thing on;
--- config
location /t { return 200; }
--- must_die
--- error_log
unknown directive "lua_no_such_thing"

=== TEST 19: content_by_lua in the server block is not allowed
--- config
content_by_lua_block { ngx.say("x") }
--- must_die
--- error_log
"content_by_lua_block" directive is not allowed here

=== TEST 20: two content_by_lua in one location
--- config
location /t { content_by_lua_block { ngx.say(1) } content_by_lua_block { ngx.say(2) } }
--- must_die
--- error_log
is duplicate in

=== TEST 21: two rewrite_by_lua in one location
--- config
location /t { rewrite_by_lua_block { } rewrite_by_lua_block { } }
--- must_die
--- error_log
is duplicate in

=== TEST 22: content_by_lua without an argument
--- config
location /t { content_by_lua; }
--- must_die
--- error_log
invalid number of arguments in "content_by_lua" directive

=== TEST 23: a block with braces in strings and comments
--- config
location /t { content_by_lua_block {
    -- a comment with } braces {
    local s = "}{"
    local l = [[ } ]]
    ngx.say(s, l)
} }
--- request
GET /t
--- response_body
}{ } 

=== TEST 24: get_phase in content
--- config
location /t { content_by_lua_block { ngx.say(ngx.get_phase()) } }
--- request
GET /t
--- response_body
content

=== TEST 25: user coroutines run inside handlers
--- config
location /t { content_by_lua_block {
    local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
    ngx.say(co(1), " ", co(10))
} }
--- request
GET /t
--- response_body
2 20

=== TEST 26: requests on a keepalive connection get fresh ngx.ctx
--- config
location /t { content_by_lua_block { ngx.ctx.n = (ngx.ctx.n or 0) + 1 ngx.say(ngx.ctx.n) } }
--- raw_request
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\nGET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
1

=== TEST 27: ngx.re names a clear error until it is built
--- config
location /t { content_by_lua_block { ngx.say(type(ngx.re)) } }
--- request
GET /t
--- response_body
table
