# connect's pool_size and backlog options: connections beyond the pool size wait in a queue of
# at most backlog; one more is refused; a released connection goes to the first waiter; a waiter
# gives up after the connect timeout. Light threads make the concurrent connects in one request.

=== TEST 1: the backlog-th+1 connect is refused, the queued one proceeds when a connection is released
--- config
location /t {
    content_by_lua_block {
        local port = $TEST_NGINX_BACKEND_PORT
        local opts = { pool = "bl1", pool_size = 1, backlog = 1 }
        local function worker(name, hold)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            local ok, err = s:connect("127.0.0.1", port, opts)
            ngx.say(name, " connect: ", ok, " ", err, " reused ", ok and s:getreusedtimes() or "-")
            if not ok then return end
            ngx.sleep(hold)
            ngx.say(name, " release: ", s:setkeepalive(10000, 1))
        end
        local a = ngx.thread.spawn(worker, "a", 0.2)
        local b = ngx.thread.spawn(worker, "b", 0)
        local c = ngx.thread.spawn(worker, "c", 0)
        ngx.thread.wait(a)
        ngx.thread.wait(b)
        ngx.thread.wait(c)
    }
}
--- backend
wait
--- request
GET /t
--- response_body
c connect: nil too many waiting connect operations reused -
a connect: 1 nil reused 0
a release: 1
b connect: 1 nil reused 1
b release: 1
--- backend_connections: 1

=== TEST 2: a queued connect gives up after the connect timeout
--- config
location /t {
    content_by_lua_block {
        local port = $TEST_NGINX_BACKEND_PORT
        local opts = { pool = "bl2", pool_size = 1, backlog = 5 }
        local function worker(name, hold, timeout)
            local s = ngx.socket.tcp()
            s:settimeout(timeout)
            local ok, err = s:connect("127.0.0.1", port, opts)
            ngx.say(name, " connect: ", ok, " ", err)
            if not ok then return end
            ngx.sleep(hold)
            ngx.say(name, " close: ", s:close())
        end
        local a = ngx.thread.spawn(worker, "a", 0.5, 2000)
        local b = ngx.thread.spawn(worker, "b", 0, 100)
        ngx.thread.wait(a)
        ngx.thread.wait(b)
    }
}
--- backend
wait
--- request
GET /t
--- response_body
a connect: 1 nil
b connect: nil timeout
a close: 1

=== TEST 3: a closed connection frees its slot: the waiter connects anew
--- config
location /t {
    content_by_lua_block {
        local port = $TEST_NGINX_BACKEND_PORT
        local opts = { pool = "bl3", pool_size = 1, backlog = 1 }
        local function worker(name, hold)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            local ok, err = s:connect("127.0.0.1", port, opts)
            ngx.say(name, " connect: ", ok, " ", err, " reused ", ok and s:getreusedtimes() or "-")
            if not ok then return end
            ngx.sleep(hold)
            ngx.say(name, " close: ", s:close())
        end
        local a = ngx.thread.spawn(worker, "a", 0.1)
        local b = ngx.thread.spawn(worker, "b", 0)
        ngx.thread.wait(a)
        ngx.thread.wait(b)
    }
}
--- backend
wait
--- request
GET /t
--- response_body
a connect: 1 nil reused 0
a close: 1
b connect: 1 nil reused 0
b close: 1

=== TEST 4: backlog 0 refuses at once when the pool is busy
--- config
location /t {
    content_by_lua_block {
        local port = $TEST_NGINX_BACKEND_PORT
        local opts = { pool = "bl4", pool_size = 1, backlog = 0 }
        local s1 = ngx.socket.tcp()
        ngx.say(s1:connect("127.0.0.1", port, opts))
        local s2 = ngx.socket.tcp()
        ngx.say(s2:connect("127.0.0.1", port, opts))
        s1:close()
        ngx.say(s2:connect("127.0.0.1", port, opts))
    }
}
--- backend
wait
--- request
GET /t
--- response_body
1
niltoo many waiting connect operations
1

=== TEST 5: bad backlog and pool_size options (a backlog that is no number is ignored)
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        for _, opts in ipairs({ { backlog = -1 }, { backlog = "x" }, { pool_size = 0 }, { pool_size = "x" } }) do
            local ok, err = pcall(s.connect, s, "127.0.0.1", $TEST_NGINX_BACKEND_PORT, opts)
            ngx.say(ok, " ", err)
        end
    }
}
--- backend
wait
--- request
GET /t
--- response_body
false bad argument #4 to '?' (bad "backlog" option value: -1)
true 1
false bad argument #4 to '?' (bad "pool_size" option value: 0)
false bad argument #4 to '?' (bad "pool_size" option type: string)
