# Small correctness fixes checked on nginx: ngx.process.type, ngx.exit after the head went out,
# and the environment the "env" directive gives os.getenv.

=== TEST 1: ngx.process.type() with master_process off is "single"
--- config
location /t { content_by_lua_block { ngx.say(require("ngx.process").type()) } }
--- request
GET /t
--- response_body
single

=== TEST 2: ngx.exit(200) after a 401 went out: nothing logged
--- config
location /t { content_by_lua_block { ngx.status = 401 ngx.say("x") ngx.exit(200) } }
--- request
GET /t
--- error_code: 401
--- response_body
x
--- no_error_log
attempt to set status

=== TEST 3: ngx.exit(401) after a 401 went out: nothing logged
--- config
location /t { content_by_lua_block { ngx.status = 401 ngx.say("x") ngx.exit(401) } }
--- request
GET /t
--- error_code: 401
--- response_body
x
--- no_error_log
attempt to set status

=== TEST 4: ngx.exit(500) after a 401 went out is logged
--- config
location /t { content_by_lua_block { ngx.status = 401 ngx.say("x") ngx.exit(500) } }
--- request
GET /t
--- error_code: 401
--- response_body
x
--- error_log
attempt to set status 500 via ngx.exit after sending out the response status 401

=== TEST 5: ngx.exit(201) after a 401 went out: nothing logged
--- config
location /t { content_by_lua_block { ngx.status = 401 ngx.say("x") ngx.exit(201) } }
--- request
GET /t
--- error_code: 401
--- response_body
x
--- no_error_log
attempt to set status

=== TEST 6: ngx.exit(302) after a 200 went out is logged
--- config
location /t { content_by_lua_block { ngx.say("x") ngx.exit(302) } }
--- request
GET /t
--- error_code: 200
--- response_body
x
--- error_log
attempt to set status 302 via ngx.exit after sending out the response status 200

=== TEST 7: without env, HOME and PATH are not visible to os.getenv
--- config
location /t { content_by_lua_block { ngx.say(tostring(os.getenv("HOME")), " ", tostring(os.getenv("PATH"))) } }
--- request
GET /t
--- response_body
nil nil

=== TEST 8: env NAME=value sets a variable; env NAME inherits one
--- main_config
env TIDEGATE_FIX_VALUE=hello;
env PATH;
--- config
location /t { content_by_lua_block {
    ngx.say(os.getenv("TIDEGATE_FIX_VALUE"))
    ngx.say(os.getenv("PATH") ~= nil)
    ngx.say(tostring(os.getenv("HOME")))
} }
--- request
GET /t
--- response_body
hello
true
nil
