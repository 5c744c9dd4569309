# ngx.thread: spawn runs the new thread at once until it parks; wait hands back true and its values
# (or false when it failed); kill; the request waits for every user thread; ngx.exit in a user
# thread ends them all; an error in one is logged as an aborted user thread and spares the others.

=== TEST 1: spawn, wait, and the order of output
--- config
location /t { content_by_lua_block {
    local t = ngx.thread.spawn(function(a) ngx.say("in ", a) ngx.sleep(0.01) ngx.say("after") return 1, 2 end, "x")
    ngx.say("spawned ", type(t))
    ngx.say(ngx.thread.wait(t))
    ngx.say(ngx.thread.wait(t))
} }
--- request
GET /t
--- response_body
in x
spawned thread
after
true12
nilalready waited or killed

=== TEST 2: kill, and the argument errors
--- config
location /t { content_by_lua_block {
    local t3 = ngx.thread.spawn(function() ngx.sleep(1) end)
    ngx.say(ngx.thread.kill(t3))
    ngx.say(ngx.thread.kill(t3))
    local t4 = ngx.thread.spawn(function() return 5 end)
    ngx.say(ngx.thread.kill(t4))
    ngx.say(pcall(ngx.thread.spawn))
    ngx.say(pcall(ngx.thread.spawn, 1))
    ngx.say(pcall(ngx.thread.wait))
    ngx.say(pcall(ngx.thread.wait, 1))
    ngx.say(pcall(ngx.thread.kill, 1))
} }
--- request
GET /t
--- response_body
1
nilalready waited or killed
nilalready terminated
falsebad argument #1 to '?' (Lua function expected)
falsebad argument #1 to '?' (Lua function expected)
falseat least one coroutine should be specified
falsebad argument #1 to '?' (lua thread expected)
falsebad argument #1 to '?' (lua thread expected)

=== TEST 3: the request waits for user threads the entry thread left running
--- config
location /t { content_by_lua_block {
    ngx.thread.spawn(function() ngx.sleep(0.03) ngx.say("late user thread") end)
    ngx.thread.spawn(function() ngx.sleep(0.01) ngx.say("early user thread") end)
    ngx.say("entry done")
} }
--- request
GET /t
--- response_body
entry done
early user thread
late user thread

=== TEST 4: ngx.exit in a user thread ends every thread
--- config
location /t { content_by_lua_block {
    ngx.thread.spawn(function() ngx.sleep(0.01) ngx.say("exiting") ngx.exit(200) end)
    ngx.thread.spawn(function() ngx.sleep(0.05) ngx.say("never") end)
    ngx.sleep(0.1) ngx.say("never entry")
} }
--- request
GET /t
--- response_body
exiting

=== TEST 5: an error in a user thread is logged and spares the others
--- config
location /t { content_by_lua_block {
    local bad = ngx.thread.spawn(function() ngx.sleep(0.01) error("user thread failed") end)
    local good = ngx.thread.spawn(function() ngx.sleep(0.02) return "fine" end)
    local ok = ngx.thread.wait(bad)
    ngx.say(ok)
    ngx.say(ngx.thread.wait(good))
} }
--- request
GET /t
--- response_body
false
truefine
--- error_log
lua user thread aborted: runtime error: 
: user thread failed

=== TEST 6: wait on several threads returns the first to end
--- config
location /t { content_by_lua_block {
    local slow = ngx.thread.spawn(function() ngx.sleep(0.05) return "slow" end)
    local fast = ngx.thread.spawn(function() ngx.sleep(0.01) return "fast" end)
    ngx.say(ngx.thread.wait(slow, fast))
    ngx.say(ngx.thread.wait(slow))
} }
--- request
GET /t
--- response_body
truefast
trueslow
