# ngx.timer: at and every run their function later in a coroutine of the worker that made them,
# with no request (premature first, then the extra arguments); the counts, the pending limit,
# ngx_lua's argument errors, the request-only API refused in a timer, and a failing timer's log line.

=== TEST 1: a timer gets premature and its arguments and runs in the timer phase
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local function f(premature, a, b)
        ngx.shared.d:set("args", tostring(premature) .. " " .. tostring(a) .. " " .. tostring(b))
        ngx.shared.d:set("phase", ngx.get_phase())
        ngx.shared.d:set("running", ngx.timer.running_count())
    end
    ngx.say(ngx.timer.at(0, f, "one", 2))
    ngx.say(ngx.timer.running_count(), " ", ngx.timer.pending_count())
    ngx.say(ngx.shared.d:get("args"))
    ngx.sleep(0.05)
    ngx.say(ngx.shared.d:get("args"), "|", ngx.shared.d:get("phase"), "|", ngx.shared.d:get("running"))
    ngx.say(ngx.timer.running_count(), " ", ngx.timer.pending_count())
} }
--- request
GET /t
--- response_body
1
0 1
nil
false one 2|timer|1
0 0

=== TEST 2: a timer writes a shared dict that a later request reads
--- http_config
lua_shared_dict d 1m;
--- config
location /set { content_by_lua_block {
    ngx.timer.at(0.02, function() ngx.shared.d:set("k", "from the timer") end)
    ngx.say(ngx.shared.d:get("k"))
} }
location /get { content_by_lua_block { ngx.say(ngx.shared.d:get("k")) } }
--- requests
GET /set
GET /get
--- request_pause
0.2
--- response_bodies
nil
from the timer

=== TEST 3: bad arguments
--- config
location /t { content_by_lua_block {
    local f = function() end
    ngx.say(pcall(ngx.timer.at))
    ngx.say(pcall(ngx.timer.at, 1))
    ngx.say(pcall(ngx.timer.at, "x", f))
    ngx.say(pcall(ngx.timer.at, {}, f))
    ngx.say(pcall(ngx.timer.at, 0, 3))
    ngx.say(pcall(ngx.timer.at, 0, "f"))
    ngx.say(pcall(ngx.timer.every, 0, f))
    ngx.say(pcall(ngx.timer.every, 1))
} }
--- request
GET /t
--- response_body
falseexpecting at least 2 arguments but got 0
falseexpecting at least 2 arguments but got 1
falsebad argument #1 to '?' (number expected, got string)
falsebad argument #1 to '?' (number expected, got table)
falsebad argument #2 to '?' (Lua function expected)
falsebad argument #2 to '?' (Lua function expected)
falsedelay cannot be zero
falseexpecting at least 2 arguments but got 1

=== TEST 4: lua_max_pending_timers: too many pending timers
--- http_config
lua_max_pending_timers 3;
--- config
location /t { content_by_lua_block {
    local f = function() end
    ngx.say(ngx.timer.at(10, f))
    ngx.say(ngx.timer.every(10, f))
    ngx.say(ngx.timer.at("5", f))
    ngx.say(ngx.timer.at(10, f))
    ngx.say(ngx.timer.every(10, f))
    ngx.say(ngx.timer.running_count(), " ", ngx.timer.pending_count())
} }
--- request
GET /t
--- response_body
1
1
1
niltoo many pending timers
niltoo many pending timers
0 3

=== TEST 5: every fires again and again, and stays pending
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    ngx.shared.d:set("n", 0)
    ngx.say(ngx.timer.every(0.02, function() ngx.shared.d:incr("n", 1) end))
    ngx.sleep(0.3)
    local n = ngx.shared.d:get("n")
    ngx.say(n >= 3, " ", n <= 16)
    ngx.say(ngx.timer.pending_count())
} }
--- request
GET /t
--- response_body
1
true true
1

=== TEST 6: the request API is refused in a timer; ngx.sleep works there
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function()
        local d = ngx.shared.d
        d:set("say", select(2, pcall(ngx.say, "x")))
        d:set("exit", select(2, pcall(ngx.exec, "/x")))
        local t0 = ngx.now()
        ngx.sleep(0.03)
        ngx.update_time()
        d:set("slept", ngx.now() - t0 >= 0.02)
    end)
    ngx.sleep(0.15)
    ngx.say(ngx.shared.d:get("say"))
    ngx.say(ngx.shared.d:get("exit"))
    ngx.say(ngx.shared.d:get("slept"))
} }
--- request
GET /t
--- response_body
API disabled in the context of ngx.timer
API disabled in the context of ngx.timer
true

=== TEST 7: an error in a timer is logged as an aborted entry thread; ngx.exit ends a timer quietly
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function() error("boom in timer") end)
    ngx.timer.at(0, function() ngx.exit(0) error("not reached") end)
    ngx.sleep(0.05)
    ngx.say("ok")
} }
--- request
GET /t
--- response_body
ok
--- error_log
lua entry thread aborted: runtime error: 
: boom in timer
context: ngx.timer
--- no_error_log
not reached

=== TEST 8: a timer created in init_worker_by_lua
--- http_config
lua_shared_dict d 1m;
init_worker_by_lua_block {
    ngx.timer.at(0, function(premature) ngx.shared.d:set("w", "ran " .. tostring(premature) .. " " .. ngx.get_phase()) end)
}
--- config
location /t { content_by_lua_block { ngx.sleep(0.05) ngx.say(ngx.shared.d:get("w")) } }
--- request
GET /t
--- response_body
ran false timer
