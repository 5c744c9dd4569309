# More light-thread rules, each read from nginx: waiting on several threads, who may wait and kill,
# errors, ngx.exit in a thread, the request ending only when every thread has, output interleaving.

=== TEST 1: wait on several threads returns the first to finish; the others stay theirs
--- config
location /t { content_by_lua_block {
    local t1 = ngx.thread.spawn(function() ngx.sleep(0.03) return "slow" end)
    local t2 = ngx.thread.spawn(function() ngx.sleep(0.01) return "fast" end)
    ngx.say(ngx.thread.wait(t1, t2))
    ngx.say(ngx.thread.wait(t1, t2))
    ngx.say(ngx.thread.wait(t1))
} }
--- request
GET /t
--- response_body
truefast
nilalready waited or killed
trueslow

=== TEST 2: only the parent may wait (an error) or kill ("killer not parent")
--- config
location /t { content_by_lua_block {
    local a, b
    a = ngx.thread.spawn(function()
        ngx.sleep(0.01)
        ngx.say("b kill: ", pcall(ngx.thread.kill, b))
        ngx.say("b wait: ", pcall(ngx.thread.wait, b))
    end)
    b = ngx.thread.spawn(function() ngx.sleep(0.05) ngx.say("b done") end)
    ngx.thread.wait(a)
    ngx.say("main kill b: ", ngx.thread.kill(b))
    local co = coroutine.create(function() return ngx.thread.spawn(function() ngx.sleep(0.01) return "child" end) end)
    local ok, t = coroutine.resume(co)
    ngx.say("wait from entry: ", pcall(ngx.thread.wait, t))
    ngx.say("kill from entry: ", pcall(ngx.thread.kill, t))
} }
--- request
GET /t
--- response_body
b kill: truenilkiller not parent
b wait: falseonly the parent coroutine can wait on the thread
main kill b: 1
wait from entry: falseonly the parent coroutine can wait on the thread
kill from entry: truenilkiller not parent

=== TEST 3: a failing thread is logged and spares the others; wait gives false
--- config
location /t { content_by_lua_block {
    local t = ngx.thread.spawn(function() ngx.say("a") ngx.sleep(0.01) error("thread failed") end)
    local t2 = ngx.thread.spawn(function() ngx.say("b") ngx.sleep(0.02) ngx.say("b ok") return error({}) end)
    ngx.say((ngx.thread.wait(t)))
    ngx.say((ngx.thread.wait(t2)))
} }
--- request
GET /t
--- response_body
a
b
false
b ok
false
--- error_log
lua user thread aborted: runtime error: content_by_lua(nginx.conf:15):2: thread failed
lua user thread aborted: runtime error: unknown reason

=== TEST 4: ngx.exit in a thread ends the request: the entry thread and the other threads stop
--- config
location /t { content_by_lua_block {
    ngx.thread.spawn(function() ngx.sleep(0.01) ngx.say("t1") ngx.exit(202) end)
    ngx.thread.spawn(function() ngx.sleep(0.05) ngx.log(ngx.ERR, "t2 not reached") end)
    ngx.sleep(0.03)
    ngx.log(ngx.ERR, "entry not reached")
} }
--- request
GET /t
--- response_body
t1
--- no_error_log
not reached

=== TEST 5: ngx.exit(403) in a thread that has not parked yet: the parent stops inside spawn
--- config
location /t { content_by_lua_block {
    ngx.thread.spawn(function() ngx.exit(403) end)
    ngx.log(ngx.ERR, "entry not reached")
} }
--- request
GET /t
--- error_code: 403
--- no_error_log
entry not reached

=== TEST 6: output of three threads and the entry thread interleaves by their sleeps
--- config
location /t { content_by_lua_block {
    for i = 1, 3 do
        ngx.thread.spawn(function() for j = 1, 2 do ngx.say("t", i, " step ", j) ngx.sleep(0.01 * i) end end)
    end
    ngx.say("entry")
} }
--- request
GET /t
--- response_body
t1 step 1
t2 step 1
t3 step 1
entry
t1 step 2
t2 step 2
t3 step 2

=== TEST 7: wait answers for an ended thread before looking at later arguments; a bare coroutine.yield in a thread is resumed at once
--- config
location /t { content_by_lua_block {
    local t = ngx.thread.spawn(function() return 1 end)
    ngx.say(pcall(ngx.thread.wait, t, "x"))
    local t3 = ngx.thread.spawn(function() coroutine.yield() ngx.say("after bare yield") return 7 end)
    ngx.say(ngx.thread.wait(t3))
    ngx.say(coroutine.status(t3))
} }
--- request
GET /t
--- response_body
truetrue1
after bare yield
true7
dead

=== TEST 8: the request ends only when every thread has: the response waits for a sleeping thread
--- config
location /t { content_by_lua_block {
    ngx.thread.spawn(function() ngx.sleep(0.05) ngx.say("last") end)
    ngx.say("entry done at ", ngx.now() - ngx.req.start_time() < 0.04)
} }
--- request
GET /t
--- response_body
entry done at true
last

=== TEST 9: a thread spawned inside a user coroutine is that coroutine's: it waits for it
--- config
location /t { content_by_lua_block {
    local co = coroutine.wrap(function()
        local t = ngx.thread.spawn(function() ngx.sleep(0.01) return "from child" end)
        coroutine.yield("spawned")
        return ngx.thread.wait(t)
    end)
    ngx.say(co())
    ngx.say(co())
} }
--- request
GET /t
--- response_body
spawned
truefrom child

=== TEST 10: a failing coroutine.wrap'd function aborts its light thread; wait gives false alone
--- config
location /t { content_by_lua_block {
    local t = ngx.thread.spawn(function()
        local w = coroutine.wrap(function() ngx.sleep(0.001) error("wrapboom") end)
        pcall(w)
        ngx.say("not reached")
    end)
    ngx.say(select("#", ngx.thread.wait(t)))
    ngx.say("end")
} }
--- request
GET /t
--- response_body
1
end
--- error_log
lua user thread aborted: runtime error: content_by_lua(nginx.conf:15):3: wrapboom

=== TEST 11: killing a sleeping thread, then the request ends without waiting for it
--- config
location /t { content_by_lua_block {
    local t = ngx.thread.spawn(function() ngx.sleep(2) ngx.log(ngx.ERR, "killed thread ran") end)
    ngx.say(ngx.thread.kill(t))
    ngx.say(ngx.thread.wait(t))
} }
--- request
GET /t
--- timeout: 1
--- response_body
1
nilalready waited or killed
--- no_error_log
killed thread ran

=== TEST 12: ngx.thread in log_by_lua and header filters is disabled
--- config
location /t {
    content_by_lua_block { ngx.say("ok") }
    header_filter_by_lua_block { ngx.header.X = select(2, pcall(ngx.thread.spawn, function() end)) }
    log_by_lua_block { ngx.log(ngx.ERR, "LOG ", select(2, pcall(ngx.thread.wait, coroutine.running()))) }
}
--- request
GET /t
--- response_headers
X: API disabled in the context of header_filter_by_lua*
--- error_log
LOG API disabled in the context of log_by_lua*

=== TEST 13: wait and kill on a coroutine that is no user thread
--- config
location /t { content_by_lua_block {
    local co = coroutine.create(function() end)
    ngx.say(pcall(ngx.thread.wait, co))
    ngx.say(pcall(ngx.thread.kill, co))
    ngx.say(pcall(ngx.thread.wait, coroutine.running()))
} }
--- request
GET /t
--- response_body
falseattempt to wait on a coroutine that is not a user thread
truenilnot user thread
falseattempt to wait on a coroutine that is not a user thread
