# Errors as nginx reports them: runtime errors in each phase, syntax errors, errors after the
# head went out, error objects that are not strings, ngx.log's format and levels, print.

=== TEST 1: a runtime error in content_by_lua: 500 and the entry thread abort line
--- config
location /t { content_by_lua_block {
    local x = 1
    error("oops")
} }
--- request
GET /t
--- error_code: 500
--- error_page: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):3: oops
stack traceback:
coroutine 0:

=== TEST 2: an arithmetic error names the problem
--- config
location /t { content_by_lua_block { local t = nil; local y = t.field } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):1: attempt to index local 't' (a nil value)

=== TEST 3: the error line carries the request's log context
--- config
location /t { content_by_lua_block { error("ctx") } }
--- request
GET /t
--- error_log
in main chunk, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"

=== TEST 4: an error after output closes the connection, the body is cut
--- config
location /t { content_by_lua_block { ngx.say("partial") ngx.flush(true) error("late") } }
--- request
GET /t
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):1: late

=== TEST 5: a syntax error in inline code fails the request, not start-up
--- config
location /t { content_by_lua_block { ngx.say("a" } }
location /ok { return 200 "fine\n"; }
--- request
GET /t
--- error_code: 500
--- error_log
failed to load inlined Lua code: content_by_lua(nginx.conf:15):1: ')' expected near '<eof>'

=== TEST 6: a syntax error in a file
--- config
location /t { content_by_lua_file html/bad.lua; }
--- files
>>> html/bad.lua
local = 1
--- request
GET /t
--- error_code: 500
--- error_log
failed to load external Lua file "
bad.lua": 
html/bad.lua:1: '<name>' expected near '='

=== TEST 7: a runtime error in a file names the file
--- config
location /t { content_by_lua_file html/err.lua; }
--- files
>>> html/err.lua
ngx.say("line one")
local x = nil + 1
--- request
GET /t
--- error_log
html/err.lua:2: attempt to perform arithmetic on a nil value

=== TEST 8: an error object that is a table
--- config
location /t { content_by_lua_block { error({code = 1}) } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: unknown reason

=== TEST 9: error(nil)
--- config
location /t { content_by_lua_block { error(nil) } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: unknown reason

=== TEST 10: an error in rewrite_by_lua
--- config
location /t { rewrite_by_lua_block { error("in rewrite") } content_by_lua_block { ngx.say("no") } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: rewrite_by_lua(nginx.conf:15):1: in rewrite

=== TEST 11: an error in access_by_lua
--- config
location /t { access_by_lua_block { error("in access") } content_by_lua_block { ngx.say("no") } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: access_by_lua(nginx.conf:15):1: in access

=== TEST 12: an error in log_by_lua is logged, the response is unaffected
--- config
location /t { return 200 "ok\n"; log_by_lua_block { error("log boom") } }
--- request
GET /t
--- response_body
ok
--- error_log
failed to run log_by_lua*: log_by_lua(nginx.conf:15):1: log boom
log_by_lua(nginx.conf:15):1: in main chunk while logging request

=== TEST 13: an error in body_filter_by_lua is logged
--- config
location /t { body_filter_by_lua_block { error("bf boom") } content_by_lua_block { ngx.say("x") } }
--- request
GET /t
--- error_log
failed to run body_filter_by_lua*: body_filter_by_lua(nginx.conf:15):1: bf boom

=== TEST 14: an error caught by pcall is not logged
--- config
location /t { content_by_lua_block { local ok, err = pcall(error, "caught") ngx.say(ok, " ", err) } }
--- request
GET /t
--- response_body
false caught
--- no_error_log
lua entry thread aborted

=== TEST 15: ngx.log with each level constant
--- config
location /t { content_by_lua_block {
    ngx.log(ngx.ERR, "an error")
    ngx.log(ngx.WARN, "a warning")
    ngx.log(ngx.NOTICE, "a notice")
    ngx.log(ngx.INFO, "an info")
    ngx.log(ngx.DEBUG, "a debug line")
    ngx.say(ngx.STDERR, ngx.EMERG, ngx.ALERT, ngx.CRIT, ngx.ERR, ngx.WARN, ngx.NOTICE, ngx.INFO, ngx.DEBUG)
} }
--- request
GET /t
--- response_body
012345678
--- error_log
[error]
[lua] content_by_lua(nginx.conf:15):2: an error, client: 127.0.0.1
[warn]
[lua] content_by_lua(nginx.conf:15):3: a warning
[notice]
[lua] content_by_lua(nginx.conf:15):4: a notice
[lua] content_by_lua(nginx.conf:15):5: an info
--- no_error_log
a debug line

=== TEST 16: ngx.log from a named function
--- config
location /t { content_by_lua_block {
    local function helper() ngx.log(ngx.ERR, "inside") end
    helper()
    ngx.say("ok")
} }
--- request
GET /t
--- error_log
[lua] content_by_lua(nginx.conf:15):2: helper(): inside

=== TEST 17: ngx.log joins values: nil, booleans, numbers
--- config
location /t { content_by_lua_block { ngx.log(ngx.ERR, "v: ", nil, " ", true, " ", 3.5, " ", ngx.null) ngx.say("ok") } }
--- request
GET /t
--- error_log
v: nil true 3.5 null

=== TEST 18: ngx.log refuses a table argument
--- config
location /t { content_by_lua_block { local ok, err = pcall(ngx.log, ngx.ERR, {}) ngx.say(ok) } }
--- request
GET /t
--- response_body
false

=== TEST 19: print logs at notice
--- config
location /t { content_by_lua_block { print("printed ", 1, " ", nil) ngx.say("ok") } }
--- request
GET /t
--- error_log
[notice]
[lua] content_by_lua(nginx.conf:15):1: printed 1 nil

=== TEST 20: ngx.log with a bad level
--- config
location /t { content_by_lua_block { local ok, err = pcall(ngx.log, 99, "x") ngx.say(ok) } }
--- request
GET /t
--- response_body
false

=== TEST 21: a deep recursion is an error, not a crash
--- config
location /t { content_by_lua_block { local function f(n) return f(n + 1) + 1 end f(1) } }
--- request
GET /t
--- error_code: 500
--- error_log
stack overflow

=== TEST 22: the server keeps serving after a handler error
--- config
location /t { content_by_lua_block { error("first") } }
location /ok { content_by_lua_block { ngx.say("still up") } }
--- raw_request
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\nGET /ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 1
--- error_code: 500

=== TEST 23: a global write in init_by_lua is silent, in a handler it warns once
--- config
location /t { content_by_lua_block { counter_g = (counter_g or 0) + 1 counter_g = counter_g + 1 ngx.say(counter_g) } }
--- request
GET /t
--- response_body
2
--- error_log
writing a global Lua variable ('counter_g')

=== TEST 24: ngx.header assignment in log_by_lua is refused quietly
--- config
location /t { return 200 "ok\n"; log_by_lua_block { ngx.header["X-L"] = "1" ngx.log(ngx.WARN, "after header set") } }
--- request
GET /t
--- error_log
after header set
