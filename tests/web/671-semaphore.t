# ngx.semaphore: new/wait/post/count as lua-resty-core has them; waits park the thread on the worker
# (light threads of one request, other requests, timers), posts wake waiters in order from the event
# loop; a zero timeout answers nil, "timeout" at once, a wait that runs out false, "timeout".

=== TEST 1: one light thread waits, the entry thread posts
--- config
location /t { content_by_lua_block {
    local semaphore = require "ngx.semaphore"
    local sema = semaphore.new()
    ngx.say(type(sema), " ", sema:count())
    ngx.say(sema:wait(0))
    ngx.thread.spawn(function() ngx.say("waiting") ngx.say(sema:wait(1)) ngx.say("count ", sema:count()) end)
    ngx.say("count ", sema:count())
    ngx.say(sema:post())
    ngx.say("count after post ", sema:count())
    ngx.sleep(0.01)
    ngx.say(sema:wait(0.01))
} }
--- request
GET /t
--- response_body
table 0
niltimeout
waiting
count -1
true
count after post 0
truenil
count 0
falsetimeout

=== TEST 2: three waiters, two posts: the first two in order, the third times out
--- config
location /t { content_by_lua_block {
    local semaphore = require "ngx.semaphore"
    local sema = semaphore.new(0)
    for i = 1, 3 do ngx.thread.spawn(function() local ok, err = sema:wait(0.05) ngx.say(i, " ", ok, " ", err) end) end
    ngx.say("count ", sema:count())
    sema:post(2)
    ngx.say("count ", sema:count())
    ngx.say(sema:wait(0))
    ngx.sleep(0.1)
    ngx.say("count ", sema:count())
} }
--- request
GET /t
--- response_body
count -3
count -1
niltimeout
1 true nil
2 true nil
3 false timeout
count 0

=== TEST 3: argument handling and errors
--- config
location /t { content_by_lua_block {
    local semaphore = require "ngx.semaphore"
    local s2 = semaphore.new(2.7)
    ngx.say(s2:count(), " ", s2:wait(0), " ", s2:count())
    ngx.say(pcall(semaphore.new, -1))
    ngx.say(pcall(s2.wait, nil, 1))
    ngx.say(pcall(s2.wait, s2, -1))
    ngx.say(pcall(s2.post, s2, 0))
    ngx.say(pcall(s2.post, s2, -3))
    ngx.say(pcall(s2.count, {}))
    ngx.say(pcall(s2.count, "x"))
    ngx.say(s2:post(3), " ", s2:count(), " ", s2:post("2"), " ", s2:count(), " ", s2:post("x"), " ", s2:count())
    ngx.say(semaphore.new("3"):count(), " ", semaphore.new("x"):count(), " ", semaphore.new(nil):count(), " ", semaphore.new(0.9):count())
    ngx.say(semaphore.version)
    ngx.say(s2:wait("0"), " ", s2:wait(0.0001), " ", s2:count())
} }
--- request
GET /t
--- response_body
2 true 1
falseno negative number
falsenot a semaphore instance
falseno negative number
falsepositive number required
falsepositive number required
falsenot a semaphore instance
falsenot a semaphore instance
true 4 true 6 true 7
3 0 0 0
0.1.25
true true 5

=== TEST 4: wait answers "API disabled" in header filters, log and init_worker; post and count work there
--- http_config
init_worker_by_lua_block { local s = require("ngx.semaphore").new(1) ngx.log(ngx.ERR, "IW ", s:wait(0)) ngx.log(ngx.ERR, "IW2 ", select(2, s:wait(0))) }
--- config
location /t {
    header_filter_by_lua_block { local s = require("ngx.semaphore").new(0) local a, b = s:wait(1) ngx.header.X = tostring(a) .. " " .. tostring(b) }
    content_by_lua_block { ngx.say("ok") }
    log_by_lua_block {
        local s = require("ngx.semaphore").new(1)
        ngx.log(ngx.ERR, "LOGW ", s:wait(0), " | ", select(2, s:wait(0)), " | ", tostring(s:post()), " ", s:count())
    }
}
--- request
GET /t
--- response_headers
X: nil API disabled in the context of header_filter_by_lua*
--- response_body
ok
--- error_log
IW2 API disabled in the context of init_worker_by_lua*
LOGW nil | API disabled in the context of log_by_lua* | true 2

=== TEST 5: a semaphore shared by the requests of a worker: one request waits until another posts
--- http_config
init_by_lua_block { SEMA = require("ngx.semaphore").new(0) }
--- config
location /post { content_by_lua_block { ngx.say("waiters: ", -SEMA:count()) SEMA:post() ngx.say("posted") } }
location /t { content_by_lua_block {
    local t = ngx.thread.spawn(function()
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_SERVER_PORT))
        sock:send("GET /post HTTP/1.0\r\nHost: x\r\n\r\n")
        local body = sock:receive("*a")
        return body:match("waiters: %d+")
    end)
    ngx.say("wait: ", SEMA:wait(2))
    ngx.say(ngx.thread.wait(t))
    ngx.say("count: ", SEMA:count())
} }
--- request
GET /t
--- response_body
wait: truenil
truewaiters: 1
count: 0

=== TEST 6: a timer waits on a semaphore a request posts, and a request waits for a timer
--- config
location /t { content_by_lua_block {
    local semaphore = require "ngx.semaphore"
    local s1, s2 = semaphore.new(), semaphore.new()
    ngx.timer.at(0, function(premature)
        local ok, err = s1:wait(1)
        RESULT = "timer woke " .. tostring(ok)
        ngx.sleep(0.01)
        s2:post()
    end)
    ngx.sleep(0.01)
    s1:post()
    ngx.say(s2:wait(1))
    ngx.say(RESULT)
    ngx.say(s2:wait(0.01))
} }
--- request
GET /t
--- response_body
truenil
timer woke true
falsetimeout

=== TEST 7: a wait inside a user coroutine (coroutine.wrap) parks through it
--- config
location /t { content_by_lua_block {
    local semaphore = require "ngx.semaphore"
    local sema = semaphore.new()
    local waiter = coroutine.wrap(function()
        coroutine.yield("before")
        local ok, err = sema:wait(1)
        coroutine.yield("woke " .. tostring(ok))
        return "end"
    end)
    ngx.say(waiter())
    ngx.thread.spawn(function() ngx.sleep(0.01) ngx.say("posting") sema:post() end)
    ngx.say(waiter())
    ngx.say(waiter())
} }
--- request
GET /t
--- response_body
before
posting
woke true
end

=== TEST 8: killing a waiting thread takes it off the queue; post then serves the next
--- config
location /t { content_by_lua_block {
    local semaphore = require "ngx.semaphore"
    local sema = semaphore.new()
    local t1 = ngx.thread.spawn(function() sema:wait(1) ngx.say("t1 woke") end)
    local t2 = ngx.thread.spawn(function() local ok = sema:wait(1) ngx.say("t2 woke ", ok) end)
    ngx.say("count ", sema:count())
    ngx.say(ngx.thread.kill(t1))
    ngx.say("count ", sema:count())
    sema:post()
    ngx.say(ngx.thread.wait(t2))
    ngx.say("count ", sema:count())
} }
--- request
GET /t
--- response_body
count -2
1
count -1
t2 woke true
true
count 0

=== TEST 9: ngx.exit while a thread waits: the waiter leaves the queue
--- http_config
init_by_lua_block { SEMA = require("ngx.semaphore").new(0) }
--- config
location /exit { content_by_lua_block {
    ngx.thread.spawn(function() SEMA:wait(5) ngx.log(ngx.ERR, "never woken") end)
    ngx.say("count ", SEMA:count())
    ngx.exit(200)
} }
location /count { content_by_lua_block { ngx.say("count ", SEMA:count()) SEMA:post() ngx.say("count ", SEMA:count()) } }
--- requests
GET /exit
GET /count
--- response_bodies
count -1
count 0
count 1
--- no_error_log
never woken
