# Timers running the full thread machinery: ngx.sleep, light threads, user coroutines that park,
# timers made by timers, errors in a timer's threads logged as ngx_lua logs them.

=== TEST 1: a timer spawns light threads that sleep; it waits for them
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function()
        local d = ngx.shared.d
        local t1 = ngx.thread.spawn(function() ngx.sleep(0.1) d:set("t1", ngx.get_phase()) return "one" end)
        local t2 = ngx.thread.spawn(function() ngx.sleep(0.01) return "two" end)
        local _, first = ngx.thread.wait(t1, t2)
        local _, second = ngx.thread.wait(t1)
        d:set("order", first .. " " .. second)
    end)
    ngx.sleep(0.3)
    ngx.say(ngx.shared.d:get("order"), " ", ngx.shared.d:get("t1"))
} }
--- request
GET /t
--- response_body
two one timer

=== TEST 2: a timer makes a timer, which sleeps in a user coroutine
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function()
        local ok, err = ngx.timer.at(0.01, function(premature, arg)
            local gen = coroutine.wrap(function() for i = 1, 3 do ngx.sleep(0.005) coroutine.yield(i) end end)
            ngx.shared.d:set("inner", arg .. gen() .. gen() .. gen())
        end, "arg:")
        ngx.shared.d:set("outer", tostring(ok))
    end)
    ngx.sleep(0.3)
    ngx.say(ngx.shared.d:get("outer"), " ", ngx.shared.d:get("inner"))
} }
--- request
GET /t
--- response_body
1 arg:123

=== TEST 3: an error in a timer's light thread is logged as a user thread's, with the timer's context
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function()
        local t = ngx.thread.spawn(function() ngx.sleep(0.001) error("timer thread failed") end)
        ngx.thread.wait(t)
        error("timer failed after")
    end)
    ngx.sleep(0.05)
    ngx.say("ok")
} }
--- request
GET /t
--- response_body
ok
--- error_log
lua user thread aborted: runtime error: content_by_lua(nginx.conf:15):3: timer thread failed
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):5: timer failed after
context: ngx.timer

=== TEST 4: a failing coroutine.wrap'd function aborts the timer, past pcall
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function()
        local w = coroutine.wrap(function() error("timerwrap") end)
        pcall(w)
        ngx.shared.d:set("reached", true)
    end)
    ngx.sleep(0.05)
    ngx.say("reached: ", ngx.shared.d:get("reached"))
} }
--- request
GET /t
--- response_body
reached: nil
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:16):3: timerwrap

=== TEST 5: ngx.exit in a timer's light thread ends the timer and its other threads
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function()
        ngx.thread.spawn(function() ngx.sleep(0.03) ngx.shared.d:set("other", "ran") end)
        ngx.thread.spawn(function() ngx.sleep(0.01) ngx.exit(0) end)
        ngx.sleep(0.02)
        ngx.shared.d:set("entry", "ran")
    end)
    ngx.sleep(0.08)
    ngx.say(ngx.shared.d:get("entry"), " ", ngx.shared.d:get("other"), " ", ngx.timer.running_count())
} }
--- request
GET /t
--- response_body
nil nil 0

=== TEST 6: running and pending counts while a timer's threads sleep
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function()
        local t = ngx.thread.spawn(function() ngx.sleep(0.05) end)
        ngx.thread.wait(t)
    end)
    ngx.timer.at(5, function() end)
    ngx.sleep(0.02)
    ngx.say(ngx.timer.running_count(), " ", ngx.timer.pending_count())
    ngx.sleep(0.06)
    ngx.say(ngx.timer.running_count(), " ", ngx.timer.pending_count())
} }
--- request
GET /t
--- response_body
1 1
0 1

=== TEST 7: a bare coroutine.yield in a timer resumes at once; coroutine.status in a timer
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    ngx.timer.at(0, function()
        coroutine.yield()
        local co = coroutine.create(function() ngx.sleep(0.001) coroutine.yield("y") end)
        local a = tostring(select(2, coroutine.resume(co)))
        ngx.shared.d:set("r", a .. " " .. coroutine.status(co) .. " " .. tostring(coroutine.resume(co)) .. " " .. coroutine.status(co))
    end)
    ngx.sleep(0.2)
    ngx.say(ngx.shared.d:get("r"))
} }
--- request
GET /t
--- response_body
y suspended true dead
