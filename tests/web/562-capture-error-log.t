# lua_capture_error_log SIZE and ngx.errlog.get_logs / set_filter_level: each worker keeps the
# error-log lines it writes in a ring of SIZE bytes (ngx_lua's: a 16-byte header per line, the oldest
# thrown away, a line longer than the ring not kept), filtered by error_log's level and then by
# set_filter_level. Debian's nginx lacks OpenResty's capture patch and refuses the directive
# ("directive not found: missing the capture error log patch for nginx"), so the cases that use it
# run on tidegate only; the argument errors raised before the capture is reached run on both (the
# FFI turns true into 1, refuses other non-numbers).

=== TEST 1: get_logs returns {level, time, line, ...}: the whole line as written, without its line feed (tidegate only: Debian's nginx lacks the capture patch)
--- skip_nginx
--- http_config
lua_capture_error_log 8k;
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    errlog.get_logs(10000)
    ngx.log(ngx.ERR, "first")
    ngx.log(ngx.WARN, "multi\nline")
    local res, err = errlog.get_logs()
    ngx.say(#res, " ", err)
    ngx.say(res[1], " ", res[4], " ", type(res[2]), " ", math.abs(res[2] - ngx.now()) < 5)
    ngx.say(res[3]:match("^%d%d%d%d/%d%d/%d%d %d%d:%d%d:%d%d %[error%] %d+#%d+: %*%d+ (.*)$"))
    ngx.say(res[6]:match("%[warn%] %d+#%d+: %*%d+ (.*)$"))
    ngx.say(#errlog.get_logs())
} }
--- request
GET /t
--- response_body
6 nil
4 5 number true
[lua] content_by_lua(nginx.conf:16):4: first, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
[lua] content_by_lua(nginx.conf:16):5: multi
line, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
0

=== TEST 2: set_filter_level and error_log's own level both filter what is captured (tidegate only: Debian's nginx lacks the capture patch)
--- skip_nginx
--- http_config
lua_capture_error_log 8k;
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    errlog.get_logs(10000)
    ngx.say(errlog.set_filter_level(ngx.WARN))
    ngx.log(ngx.INFO, "-->1")
    ngx.log(ngx.WARN, "-->2")
    ngx.log(ngx.ERR, "-->3")
    local res = errlog.get_logs()
    for i = 1, #res, 3 do ngx.say(res[i], " ", res[i + 2]:match("%-%->%d")) end
    ngx.say(errlog.set_filter_level(ngx.DEBUG))
    ngx.log(ngx.INFO, "-->4")
    ngx.log(ngx.DEBUG, "-->5")
    res = errlog.get_logs()
    for i = 1, #res, 3 do ngx.say(res[i], " ", res[i + 2]:match("%-%->%d")) end
    ngx.location.capture("/quiet")
} }
location /quiet { error_log logs/error.log warn; content_by_lua_block {
    ngx.log(ngx.INFO, "-->6")
    ngx.log(ngx.WARN, "-->7")
} }
location /after { content_by_lua_block {
    -- Only this test's own lines: the server's own info lines (a connection of the harness's closing, say)
    -- are captured too at the debug filter level /t left, whenever they happen to be logged.
    local res = require("ngx.errlog").get_logs()
    for i = 1, #res, 3 do
        local mark = res[i + 2]:match("%-%->%d")
        if mark then ngx.say(res[i], " ", mark) end
    end
} }
--- requests
GET /t
GET /after
--- response_bodies
true
5 -->2
4 -->3
true
7 -->4
5 -->7

=== TEST 3: max, a reused table, and lines kept for a later request on the worker (tidegate only: Debian's nginx lacks the capture patch)
--- skip_nginx
--- http_config
lua_capture_error_log 8k;
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    errlog.get_logs(10000)
    errlog.set_filter_level(ngx.ERR)
    for i = 1, 4 do ngx.log(ngx.ERR, "enter ", i) end
    ngx.say(#errlog.get_logs(0), " ", #errlog.get_logs(-3))
    local res = errlog.get_logs(1.5)
    ngx.say(#res, " ", res[3]:match("enter %d"))
    local t = { "a", "b", "c", "d", "e", "f", "g" }
    local same = errlog.get_logs("2", t)
    ngx.say(same == t, " ", #t, " ", t[3]:match("enter %d"), " ", t[6]:match("enter %d"), " ", t[7])
    t = {}
    ngx.say(#errlog.get_logs(5, t), " ", t[3]:match("enter %d"))
    ngx.say(errlog.get_logs(5, t) == t, " ", t[1], " ", type(t[2]))
    ngx.log(ngx.ERR, "for the next request")
} }
location /next { content_by_lua_block {
    local res = require("ngx.errlog").get_logs()
    ngx.say(#res, " ", res[3]:match("for the next request"))
} }
--- requests
GET /t
GET /next
--- response_bodies
0 0
3 enter 1
true 6 enter 2 enter 3 nil
3 enter 4
true nil number
3 for the next request

=== TEST 4: the ring keeps the newest lines that fit, oldest thrown away (tidegate only: Debian's nginx lacks the capture patch)
--- skip_nginx
--- http_config
lua_capture_error_log 4k;
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    errlog.get_logs(10000)
    for i = 10, 99 do ngx.log(ngx.ERR, "--> ", i) end
    local res = errlog.get_logs(1000)
    local n = #res / 3
    -- every line has the same length here: the ring holds 4096 bytes of (16-byte header + line)
    local entry = #res[3] + 16
    local fits = math.floor(4096 / entry)
    ngx.say(n == fits or n == fits - 1, " ", n > 5)
    local consecutive = true
    for k = 1, n do
        if tonumber(res[3 * k]:match("%-%-> (%d+)")) ~= 99 - n + k then consecutive = false end
    end
    ngx.say(consecutive, " ", res[3 * n]:match("%-%-> %d+"))
} }
--- request
GET /t
--- response_body
true true
true --> 99

=== TEST 5: a line is cut to nginx's 2048-byte buffer; one that does not fit the ring with its header is not kept (tidegate only: Debian's nginx lacks the capture patch)
--- skip_nginx
--- http_config
lua_capture_error_log 2048;
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    errlog.get_logs(10000)
    ngx.log(ngx.ERR, string.rep("a", 3000))
    ngx.log(ngx.ERR, "short one")
    local res = errlog.get_logs()
    ngx.say(#res, " ", res[3]:match("short one"))
    ngx.location.capture("/big")
} }
location /big { content_by_lua_block {
    ngx.log(ngx.ERR, string.rep("b", 1990))
} }
location /read { content_by_lua_block {
    local res = require("ngx.errlog").get_logs()
    ngx.say(#res)
} }
--- requests
GET /t
GET /read
--- response_bodies
3 short one
0

=== TEST 6: a long line is captured cut to 2048 bytes (tidegate only: Debian's nginx lacks the capture patch)
--- skip_nginx
--- http_config
lua_capture_error_log 4k;
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    errlog.get_logs(10000)
    ngx.log(ngx.ERR, string.rep("a", 3000))
    local res = errlog.get_logs()
    ngx.say(#res, " ", #res[3], " ", res[3]:sub(-5))
} }
--- request
GET /t
--- response_body
3 2048 aaaaa

=== TEST 7: set_filter_level's errors with the directive set (tidegate only: Debian's nginx lacks the capture patch)
--- skip_nginx
--- http_config
lua_capture_error_log 4k;
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    ngx.say(errlog.set_filter_level(9))
    ngx.say(errlog.set_filter_level(-1))
    ngx.say(errlog.set_filter_level(1e10))
    ngx.say(errlog.set_filter_level(0 / 0))
    ngx.say(errlog.set_filter_level(ngx.STDERR))
    ngx.say(errlog.set_filter_level(8.9))
    ngx.say(errlog.set_filter_level())
    ngx.say(pcall(errlog.get_logs, 2, 5))
} }
--- request
GET /t
--- response_body
nilbad log level: 9
nilbad log level: -1
nilbad log level: -2147483648
nilbad log level: -2147483648
true
true
nilmissing "level" argument
falseattempt to index local 'logs' (a number value)

=== TEST 8: argument errors raised before the capture is reached, as errlog.lua and the FFI raise them
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    local function try(f, ...)
        local ok, err = pcall(f, ...)
        ngx.say(ok, " ", (tostring(err):gsub("^.-errlog%.lua:%d+: ", "")))
    end
    try(errlog.set_filter_level, "4")
    try(errlog.set_filter_level, true)
    try(errlog.set_filter_level, {})
    try(errlog.get_logs, true)
    try(errlog.get_logs, "x")
    try(errlog.get_logs, {})
    try(errlog.get_logs, "x", {})
    local res = errlog.get_logs(0)
    ngx.say(type(res), " ", #res, " ", type(errlog.get_logs(-1)))
    ngx.say(errlog.set_filter_level(false))
} }
--- request
GET /t
--- response_body
false bad argument #1 to 'ngx_lua_ffi_errlog_set_filter_level' (cannot convert 'string' to 'int')
true nil
false bad argument #1 to 'ngx_lua_ffi_errlog_set_filter_level' (cannot convert 'table' to 'int')
false attempt to perform arithmetic on local 'max' (a boolean value)
false attempt to perform arithmetic on local 'max' (a string value)
false attempt to perform arithmetic on local 'max' (a table value)
false 'for' limit must be a number
table 0 table
nilmissing "level" argument

=== TEST 9: a size below nginx's error-line buffer (tidegate only: Debian's nginx refuses the directive)
--- skip_nginx
--- http_config
lua_capture_error_log 2047;
--- must_die
--- error_log
[emerg]
invalid capture error log size "2047", minimum size is 2048 in
nginx.conf:11

=== TEST 10: a size of zero (tidegate only: Debian's nginx refuses the directive)
--- skip_nginx
--- http_config
lua_capture_error_log 0;
--- must_die
--- error_log
invalid capture error log size "0", minimum size is 2048 in

=== TEST 11: a malformed size (tidegate only: Debian's nginx refuses the directive)
--- skip_nginx
--- http_config
lua_capture_error_log 4kb;
--- must_die
--- error_log
invalid capture error log size "4kb", minimum size is 2048 in

=== TEST 12: nginx's size parser has no g unit (tidegate only: Debian's nginx refuses the directive)
--- skip_nginx
--- http_config
lua_capture_error_log 1g;
--- must_die
--- error_log
invalid capture error log size "1g", minimum size is 2048 in

=== TEST 13: an empty size (tidegate only: Debian's nginx refuses the directive)
--- skip_nginx
--- http_config
lua_capture_error_log "";
--- must_die
--- error_log
invalid capture error log size "" in

=== TEST 14: an overflowing size (tidegate only: Debian's nginx refuses the directive)
--- skip_nginx
--- http_config
lua_capture_error_log 99999999999999999999999m;
--- must_die
--- error_log
invalid capture error log size "99999999999999999999999m", minimum size is 2048 in

=== TEST 15: a size beyond what a .NET array holds is refused, not allocated (tidegate only: Debian's nginx refuses the directive)
--- skip_nginx
--- http_config
lua_capture_error_log 4096m;
--- must_die
--- error_log
invalid capture error log size "4096m", tidegate's maximum size is

=== TEST 16: the directive twice (tidegate only: Debian's nginx refuses the directive)
--- skip_nginx
--- http_config
lua_capture_error_log 4k;
lua_capture_error_log 8k;
--- must_die
--- error_log
"lua_capture_error_log" directive is duplicate in
