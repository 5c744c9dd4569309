# ngx.thread.wait on a user thread that failed: false, then what the dead coroutine's stack holds
# (error()'s argument and its positioned message), and the "lua user thread aborted" log line with
# the traceback of the failed thread and of the live coroutines that spawned it.

=== TEST 1: wait on a thread that failed in error() at once: false, the argument, the positioned message
--- config
location /t { content_by_lua_block {
    local function f(a) local x = "left" error("boom " .. a) end
    local function show(...)
        local n = select('#', ...)
        local parts = {}
        for i = 1, n do parts[i] = tostring((select(i, ...))) end
        ngx.say(n, ": ", table.concat(parts, " | "))
    end
    show(ngx.thread.wait(ngx.thread.spawn(f, "A")))
    show(ngx.thread.wait(ngx.thread.spawn(function() error("level0", 0) end)))
    show(ngx.thread.wait(ngx.thread.spawn(function() error(42) end)))
    show(ngx.thread.wait(ngx.thread.spawn(function() error(42, 0) end)))
    show(ngx.thread.wait(ngx.thread.spawn(function() error() end)))
    local t = {}
    local ok, v = ngx.thread.wait(ngx.thread.spawn(function() error(t) end))
    ngx.say(ok, " ", v == t)
} }
--- request
GET /t
--- response_body
3: false | boom A | content_by_lua(nginx.conf:15):2: boom A
2: false | level0
3: false | 42 | content_by_lua(nginx.conf:15):11: 42
2: false | 42
2: false | nil
false true

=== TEST 2: the same after the thread parked first (its error comes from the scheduler)
--- config
location /t { content_by_lua_block {
    local function show(...)
        local n = select('#', ...)
        local parts = {}
        for i = 1, n do parts[i] = tostring((select(i, ...))) end
        ngx.say(n, ": ", table.concat(parts, " | "))
    end
    local t1 = ngx.thread.spawn(function(a, b) ngx.sleep(0.01) error("late " .. a) end, "x", "y")
    local t2 = ngx.thread.spawn(function() ngx.sleep(0.001) error("late0", 0) end)
    show(ngx.thread.wait(t1))
    show(ngx.thread.wait(t2))
} }
--- request
GET /t
--- response_body
3: false | late x | content_by_lua(nginx.conf:15):8: late x
2: false | late0

=== TEST 3: a runtime error (not error()): false first and the positioned message last
--- config
location /t { content_by_lua_block {
    local function deep(x) return x + nil end
    local function ends(...) return (select(1, ...)), (select(select('#', ...), ...)) end
    ngx.say(ends(ngx.thread.wait(ngx.thread.spawn(function(a) return deep(a) end, 1))))
    ngx.say(ends(ngx.thread.wait(ngx.thread.spawn(function(a) ngx.sleep(0.001) return deep(a) end, 1))))
} }
--- request
GET /t
--- response_body
falsecontent_by_lua(nginx.conf:15):2: attempt to perform arithmetic on a nil value
falsecontent_by_lua(nginx.conf:15):2: attempt to perform arithmetic on a nil value

=== TEST 4: the log line of a thread failing inside spawn names its parent in 'spawn'
--- config
location /t { content_by_lua_block {
    local function f(a)
        error("boom " .. a)
    end
    local t = ngx.thread.spawn(f, "A")
    ngx.say(ngx.thread.wait(t))
} }
--- request
GET /t
--- response_body
falseboom Acontent_by_lua(nginx.conf:15):3: boom A
--- error_log
lua user thread aborted: runtime error: content_by_lua(nginx.conf:15):3: boom A
stack traceback:
coroutine 0:
	[C]: in function 'error'
	content_by_lua(nginx.conf:15):3: in function <content_by_lua(nginx.conf:15):2>
coroutine 1:
	[C]: in function 'spawn'
	content_by_lua(nginx.conf:15):5: in main chunk, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1"

=== TEST 5: a later failure names each live parent where it is parked; a parent that ended is left out
--- config
location /t { content_by_lua_block {
    local spawn = ngx.thread.spawn
    local function inner() ngx.sleep(0.02); error("nested late") end
    local t = ngx.thread.spawn(function()
        local t2 = spawn(inner)
        ngx.sleep(0.1)
    end)
    ngx.thread.spawn(function() ngx.sleep(0.15); error("after entry ended") end)
    ngx.thread.spawn(function() ngx.sleep(0.001); error("while entry sleeps") end)
    ngx.sleep(0.05)
    ngx.say("entry done")
} }
--- request
GET /t
--- response_body
entry done
--- error_log
lua user thread aborted: runtime error: content_by_lua(nginx.conf:15):9: while entry sleeps
stack traceback:
coroutine 0:
	[C]: in function 'error'
	content_by_lua(nginx.conf:15):9: in function <content_by_lua(nginx.conf:15):9>
coroutine 1:
	[C]: in function 'sleep'
	content_by_lua(nginx.conf:15):10: in main chunk, client: 127.0.0.1
lua user thread aborted: runtime error: content_by_lua(nginx.conf:15):3: nested late
stack traceback:
coroutine 0:
	[C]: in function 'error'
	content_by_lua(nginx.conf:15):3: in function <content_by_lua(nginx.conf:15):3>
coroutine 1:
	[C]: in function 'sleep'
	content_by_lua(nginx.conf:15):6: in function <content_by_lua(nginx.conf:15):4>
coroutine 2:
	[C]: in function 'sleep'
	content_by_lua(nginx.conf:15):10: in main chunk, client: 127.0.0.1
lua user thread aborted: runtime error: content_by_lua(nginx.conf:15):8: after entry ended
stack traceback:
coroutine 0:
	[C]: in function 'error'
	content_by_lua(nginx.conf:15):8: in function <content_by_lua(nginx.conf:15):8>, client: 127.0.0.1
