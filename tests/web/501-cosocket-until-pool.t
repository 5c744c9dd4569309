# receiveuntil (whole, by size, inclusive, tricky overlapping patterns) and keepalive pools.
# The peer is a content_by_lua server on $TEST_NGINX_PORT_1 writing fixed bytes to its raw socket.

=== TEST 1: receiveuntil splits a stream on a boundary
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "ab--cd--ef"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        local head = sock:receiveuntil("\r\n\r\n")
        local h = head()
        local r = sock:receiveuntil("--")
        for i = 1, 3 do
            local data, err, partial = r()
            ngx.say(i, ": ", data, " ", err, " ", partial)
        end
    }
}
--- request
GET /t
--- response_body
1: ab nil nil
2: cd nil nil
3: nil closed ef

=== TEST 2: inclusive keeps the pattern
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "ab--cd--"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        sock:receiveuntil("\r\n\r\n")()
        local r = sock:receiveuntil("--", { inclusive = true })
        ngx.say(r())
        ngx.say(r())
        ngx.say(r())
    }
}
--- request
GET /t
--- response_body
ab--
cd--
nilclosed

=== TEST 3: overlapping pattern "--abc" over "--ab--abc"
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x--ab--abcy--abc"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        sock:receiveuntil("\r\n\r\n")()
        local r = sock:receiveuntil("--abc")
        ngx.say("[", r(), "]")
        ngx.say("[", r(), "]")
        ngx.say(r())
    }
}
--- request
GET /t
--- response_body
[x--ab]
[y]
nilclosed

=== TEST 4: a size reads the data in pieces, then nil, nil at the pattern
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "abcdefg--rest"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        sock:receiveuntil("\r\n\r\n")()
        local r = sock:receiveuntil("--")
        while true do
            local data, err, partial = r(3)
            if not data then ngx.say("end: ", err) break end
            ngx.say("chunk: ", data)
        end
        ngx.say(sock:receive("*a"))
    }
}
--- request
GET /t
--- response_body
chunk: abc
chunk: def
chunk: g
end: nil
rest

=== TEST 5: an empty pattern
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(sock:receiveuntil(""))
    }
}
--- request
GET /t
--- response_body
nilpattern is empty

=== TEST 6: receiveuntil times out with the partial data
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "ab-"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:settimeout(150)
        sock:send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        sock:receiveuntil("\r\n\r\n")()
        local data, err, partial = sock:receiveuntil("--")()
        ngx.say(data, " ", err, " ", partial)
    }
}
--- request
GET /t
--- response_body
nil timeout ab
--- error_log
lua tcp socket read timed out

=== TEST 7: setkeepalive then connect again reuses the connection
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; keepalive_timeout 60s; location / { return 200 "ok"; } }
--- config
location /t {
    content_by_lua_block {
        for i = 1, 3 do
            local sock = ngx.socket.tcp()
            assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            ngx.say("reused: ", sock:getreusedtimes())
            sock:send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            sock:receiveuntil("\r\n\r\n")()
            ngx.say(sock:receive(2))
            ngx.say(sock:setkeepalive())
            ngx.say(sock:send("x"))
        end
    }
}
--- request
GET /t
--- response_body
reused: 0
ok
1
nilclosed
reused: 1
ok
1
nilclosed
reused: 2
ok
1
nilclosed

=== TEST 8: setkeepalive refuses while unread data is buffered
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "ok"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        ngx.say(sock:receive())
        ngx.say(sock:setkeepalive())
    }
}
--- request
GET /t
--- response_body
HTTP/1.1 200 OK
nilunread data in buffer

=== TEST 9: pools are per host:port and per pool name
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; keepalive_timeout 60s; location / { return 200 "ok"; } }
--- config
location /t {
    content_by_lua_block {
        local a = ngx.socket.tcp()
        assert(a:connect("127.0.0.1", $TEST_NGINX_PORT_1, { pool = "one" }))
        a:setkeepalive()
        local b = ngx.socket.tcp()
        assert(b:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say("default pool: ", b:getreusedtimes())
        local c = ngx.socket.tcp()
        assert(c:connect("127.0.0.1", $TEST_NGINX_PORT_1, { pool = "one" }))
        ngx.say("named pool: ", c:getreusedtimes())
    }
}
--- request
GET /t
--- response_body
default pool: 0
named pool: 1

=== TEST 10: an idle connection the peer closed is not reused
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; keepalive_timeout 100ms; location / { return 200 "ok"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        sock:receiveuntil("\r\n\r\n")()
        sock:receive(2)
        sock:setkeepalive()
        ngx.sleep(0.4)
        sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say("reused: ", sock:getreusedtimes())
    }
}
--- request
GET /t
--- response_body
reused: 0

=== TEST 11: the keepalive idle timeout closes pooled connections
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; keepalive_timeout 60s; location / { return 200 "ok"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:setkeepalive(100)
        ngx.sleep(0.3)
        sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say("reused: ", sock:getreusedtimes())
    }
}
--- request
GET /t
--- response_body
reused: 0

=== TEST 12: bad pool options
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say(pcall(sock.connect, sock, "127.0.0.1", 1, { pool_size = 0 }))
        ngx.say(pcall(sock.connect, sock, "127.0.0.1", 1, { pool = {} }))
        ngx.say(pcall(sock.connect, sock, "127.0.0.1", 1, { backlog = -1 }))
    }
}
--- request
GET /t
--- response_body
falsebad argument #4 to '?' (bad "pool_size" option value: 0)
falsebad argument #4 to '?' (bad "pool" option type: table)
falsebad argument #4 to '?' (bad "backlog" option value: -1)
