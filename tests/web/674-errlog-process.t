# ngx.errlog (raw_log, get_sys_filter_level; set_filter_level/get_logs need lua_capture_error_log)
# and ngx.process (type, get_master_pid, enable_privileged_agent outside init_by_lua).

=== TEST 1: raw_log writes the message as given, with the request's context, filtered by level
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    ngx.say(errlog.get_sys_filter_level(), " ", ngx.INFO)
    errlog.raw_log(ngx.ERR, "raw message here")
    errlog.raw_log(ngx.DEBUG, "raw debug dropped")
    errlog.raw_log(ngx.WARN, "raw warn kept")
    errlog.raw_log(4.9, "raw fraction as err")
    ngx.say(errlog.version)
} }
--- request
GET /t
--- response_body
7 7
0.1.25
--- error_log
[error] 
raw message here, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1"
raw warn kept, client: 127.0.0.1
raw fraction as err, client
--- no_error_log
raw debug dropped
[lua]

=== TEST 2: raw_log's argument errors
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    ngx.say(pcall(errlog.raw_log, "x", "m"))
    ngx.say(pcall(errlog.raw_log, 1, 2))
    ngx.say(pcall(errlog.raw_log, 99, "m"))
    ngx.say(pcall(errlog.raw_log, -1, "m"))
    ngx.say(pcall(errlog.raw_log, ngx.ERR))
} }
--- request
GET /t
--- response_body
falsebad argument #1 to 'raw_log' (must be a number)
falsebad argument #2 to 'raw_log' (must be a string)
falsebad log level
falsebad log level
falsebad argument #2 to 'raw_log' (must be a string)

=== TEST 3: raw_log in log_by_lua and init_worker_by_lua carries their context
--- http_config
init_worker_by_lua_block { require("ngx.errlog").raw_log(ngx.ERR, "raw in init_worker") }
--- config
location /t { content_by_lua_block { ngx.say("ok") } log_by_lua_block { require("ngx.errlog").raw_log(ngx.ERR, "from log phase") } }
--- request
GET /t
--- response_body
ok
--- error_log
raw in init_worker, context: init_worker_by_lua*
from log phase while logging request, client: 127.0.0.1

=== TEST 4: get_sys_filter_level follows the location's error_log
--- config
location /t { error_log logs/error.log warn; content_by_lua_block { ngx.say(require("ngx.errlog").get_sys_filter_level()) } }
--- request
GET /t
--- response_body
5

=== TEST 5: set_filter_level without a level
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    ngx.say(errlog.set_filter_level())
} }
--- request
GET /t
--- response_body
nilmissing "level" argument

=== TEST 6: set_filter_level and get_logs without lua_capture_error_log name the directive (tidegate only: Debian's nginx lacks OpenResty's patch and says so)
--- skip_nginx
--- config
location /t { content_by_lua_block {
    local errlog = require "ngx.errlog"
    ngx.say(errlog.set_filter_level(ngx.WARN))
    ngx.say(errlog.get_logs())
} }
--- request
GET /t
--- response_body
nildirective "lua_capture_error_log" is not set
nildirective "lua_capture_error_log" is not set

=== TEST 7: ngx.process without a master process
--- http_config
init_by_lua_block { PROCESS_TYPE = require("ngx.process").type() }
--- config
location /t { content_by_lua_block {
    local process = require "ngx.process"
    ngx.say(process.type(), " ", PROCESS_TYPE, " ", process.get_master_pid() == ngx.worker.pid())
    ngx.say(process.enable_privileged_agent())
} }
--- request
GET /t
--- response_body
single single true
nilAPI disabled in the current context
