# TCP cosockets in ngx.timer.at / ngx.timer.every callbacks. ngx_lua runs a timer on a fake request
# that carries the configuration in effect where the timer was created (the creating request's
# location; the http level for init_worker_by_lua), so the lua_socket_* directives of that
# location apply, and the socket's log lines end in ", context: ngx.timer, client: ..., server:
# LISTEN-ADDRESS" (or just ", context: ngx.timer" for a timer no request made). A timer's results
# go into a shared dict that the request polls.

=== TEST 1: connect to an IP, send, receive a line, a count and *a, close
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "hello world\n"; } }
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function(premature)
            local out = {}
            local s = ngx.socket.tcp()
            out[#out + 1] = "connect: " .. tostring(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            out[#out + 1] = "reused: " .. tostring(s:getreusedtimes())
            out[#out + 1] = "sent: " .. tostring(s:send({"GET /x HTTP/1.0\r\n", "Host: a\r\n\r\n"}))
            out[#out + 1] = "line: " .. tostring(s:receive())
            out[#out + 1] = "count: " .. tostring(s:receive(4))
            local all = s:receive("*a")
            out[#out + 1] = "body: " .. tostring(all:match("\r\n\r\n(.*)$"))
            local d, err = s:receive()
            out[#out + 1] = "again: " .. tostring(d) .. " " .. tostring(err)
            out[#out + 1] = "close: " .. tostring(s:close())
            ngx.shared.r:set("out", table.concat(out, "\n"))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
        ngx.say("timer never finished")
    }
}
--- request
GET /t
--- response_body
connect: 1
reused: 0
sent: 28
line: HTTP/1.1 200 OK
count: Serv
body: hello world

again: nil closed
close: 1

=== TEST 2: a refused connection in a timer: the error, and the connect() line in the timer's context
--- http_config
lua_shared_dict r 1m;
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            local ok, err = s:connect("127.0.0.1", $TEST_NGINX_PORT_2)
            ngx.shared.r:set("out", tostring(ok) .. " " .. tostring(err))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
nil connection refused
--- error_log
connect() failed (111: Connection refused), context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 3: the creating location's lua_socket_read_timeout applies, and the timeout line has the timer's context
--- http_config
lua_shared_dict r 1m;
lua_socket_read_timeout 20s;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    lua_socket_read_timeout 200ms;
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            local t = ngx.now()
            local d, err = s:receive()
            ngx.update_time()
            local took = ngx.now() - t
            ngx.shared.r:set("out", tostring(d) .. " " .. tostring(err) .. " " .. tostring(took >= 0.15 and took < 2))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
nil timeout true
--- error_log
lua tcp socket read timed out, context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 4: lua_socket_log_errors off where the timer was created keeps the timeout out of the log
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    lua_socket_log_errors off;
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            s:settimeout(100)
            local d, err = s:receive()
            ngx.shared.r:set("out", tostring(d) .. " " .. tostring(err))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
nil timeout
--- no_error_log
lua tcp socket read timed out

=== TEST 5: a timer made in init_worker_by_lua reads the http level's settings and logs with no client
--- http_config
lua_shared_dict r 1m;
lua_socket_read_timeout 150ms;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
init_worker_by_lua_block {
    ngx.timer.at(0.1, function()
        local s = ngx.socket.tcp()
        local ok, err = s:connect("127.0.0.1", $TEST_NGINX_PORT_1)
        local t = ngx.now()
        local d, rerr = s:receive()
        ngx.update_time()
        local took = ngx.now() - t
        ngx.shared.r:set("out", tostring(ok) .. " " .. tostring(err) .. " / " .. tostring(d) .. " " .. tostring(rerr) .. " " .. tostring(took < 2))
    end)
}
--- config
location /t {
    content_by_lua_block {
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
1 nil / nil timeout true
--- error_log
lua tcp socket read timed out, context: ngx.timer
--- no_error_log
lua tcp socket read timed out, context: ngx.timer, client

=== TEST 6: a timer made by a timer keeps the creating request's location settings
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    lua_socket_read_timeout 150ms;
    content_by_lua_block {
        ngx.timer.at(0, function()
            ngx.timer.at(0, function()
                local s = ngx.socket.tcp()
                assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
                local t = ngx.now()
                local d, err = s:receive()
                ngx.update_time()
                ngx.shared.r:set("out", tostring(d) .. " " .. tostring(err) .. " " .. tostring(ngx.now() - t < 2))
            end)
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
nil timeout true
--- error_log
lua tcp socket read timed out, context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 7: ngx.timer.every connects on each run
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "tick\n"; } }
--- config
location /t {
    content_by_lua_block {
        ngx.timer.every(0.05, function()
            local n = ngx.shared.r:incr("runs", 1, 0)
            if n > 3 then return end
            local s = ngx.socket.tcp()
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            s:send("GET / HTTP/1.0\r\n\r\n")
            local body = s:receive("*a"):match("\r\n\r\n(.*)$")
            ngx.shared.r:set("body" .. n, body)
        end)
        for i = 1, 300 do
            if ngx.shared.r:get("body3") then break end
            ngx.sleep(0.01)
        end
        for n = 1, 3 do ngx.print(n, ": ", ngx.shared.r:get("body" .. n)) end
    }
}
--- request
GET /t
--- response_body
1: tick
2: tick
3: tick

=== TEST 8: receiveuntil and receiveany in a timer
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "alpha--beta--gamma"; } }
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local out = {}
            local s = ngx.socket.tcp()
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            s:send("GET / HTTP/1.0\r\n\r\n")
            local head = s:receiveuntil("\r\n\r\n")
            head()
            local it = s:receiveuntil("--")
            out[#out + 1] = tostring(it())
            local it2 = s:receiveuntil("--", { inclusive = true })
            out[#out + 1] = tostring(it2())
            out[#out + 1] = tostring(s:receiveany(3))
            out[#out + 1] = tostring(s:receiveany(100))
            local d, err = s:receiveany(10)
            out[#out + 1] = tostring(d) .. " " .. tostring(err)
            ngx.shared.r:set("out", table.concat(out, "|"))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
alpha|beta--|gam|ma|nil closed

=== TEST 9: a unix-domain socket in a timer
--- http_config
lua_shared_dict r 1m;
server { listen unix:$TEST_NGINX_PREFIX/logs/t550.sock; location / { return 200 "over unix\n"; } }
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            local ok, err = s:connect("unix:$TEST_NGINX_PREFIX/logs/t550.sock")
            s:send("GET / HTTP/1.0\r\n\r\n")
            local all = s:receive("*a")
            ngx.shared.r:set("out", tostring(ok) .. " " .. tostring(err) .. " " .. all:match("\r\n\r\n(.*)$"))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.print(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
1 nil over unix

=== TEST 10: a host name through the creating location's resolver
--- dns
t550.test A 127.0.0.1
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "by name\n"; } }
--- config
location /t {
    resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            local ok, err = s:connect("t550.test", $TEST_NGINX_PORT_1)
            s:send("GET / HTTP/1.0\r\n\r\n")
            local all = s:receive("*a") or ""
            local s2 = ngx.socket.tcp()
            local ok2, err2 = s2:connect("missing.t550.test", $TEST_NGINX_PORT_1)
            ngx.shared.r:set("out", tostring(ok) .. " " .. tostring(err) .. " " .. tostring(all:match("\r\n\r\n(.*)$"))
                .. tostring(ok2) .. " " .. tostring(err2))
        end)
        for i = 1, 500 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
1 nil by name
nil missing.t550.test could not be resolved (3: Host not found)

=== TEST 11: without a resolver where the timer was created, a name is refused
--- http_config
lua_shared_dict r 1m;
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            local ok, err = s:connect("t550.test", 80)
            ngx.shared.r:set("out", tostring(ok) .. " " .. tostring(err))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
nil no resolver defined to resolve "t550.test"

=== TEST 12: the keepalive pool is the worker's: a connection a timer parked is reused by the request
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "k\n"; } }
--- config
location /t {
    content_by_lua_block {
        local function get(s)
            s:send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            local reader = s:receiveuntil("\r\n\r\n")
            local head = reader()
            local len = tonumber(head:match("Content%-Length: (%d+)"))
            return s:receive(len)
        end
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            local body = get(s)
            ngx.shared.r:set("out", "timer: " .. tostring(s:getreusedtimes()) .. " " .. body
                .. "keepalive: " .. tostring(s:setkeepalive()))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) break end
            ngx.sleep(0.01)
        end
        local s = ngx.socket.tcp()
        assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say("request reused: ", s:getreusedtimes())
        ngx.print("body: ", get(s))
        s:close()
    }
}
--- request
GET /t
--- response_body
timer: 0 k
keepalive: 1
request reused: 1
body: k

=== TEST 13: a timer reuses the connection a request parked; settimeouts in a timer
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "k\n"; } }
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1, { pool = "p550" }))
        ngx.say("request keepalive: ", s:setkeepalive())
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            s:settimeouts(1000, 1000, 100)
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1, { pool = "p550" }))
            local reused = s:getreusedtimes()
            local d, err = s:receive()
            ngx.shared.r:set("out", "timer reused: " .. tostring(reused) .. " read: " .. tostring(d) .. " " .. tostring(err))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
request keepalive: 1
timer reused: 1 read: nil timeout
--- error_log
lua tcp socket read timed out, context: ngx.timer

=== TEST 14: sslhandshake in a timer verifies against the creating location's lua_ssl_trusted_certificate
--- http_config
lua_shared_dict r 1m;
--- config
location /t {
    lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(false, "test.example", true)
            local out = "handshake: " .. tostring(sess) .. " " .. tostring(err)
            if sess then
                s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n")
                out = out .. " " .. (s:receive("*a"):gsub("^.-\r\n\r\n", ""))
            end
            ngx.shared.r:set("out", out)
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: true nil hello over tls

=== TEST 15: sslhandshake in a timer without a trusted certificate fails verification, logged in the timer's context
--- http_config
lua_shared_dict r 1m;
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(false, "test.example", true)
            ngx.shared.r:set("out", "handshake: " .. tostring(sess) .. " " .. tostring(err))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- backend_tls: leaf
--- backend
wait
--- request
GET /t
--- response_body
handshake: nil 20: unable to get local issuer certificate
--- error_log
lua ssl certificate verify error: (20: unable to get local issuer certificate), context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 16: send on a closed socket in a timer: "closed" and the log line in the timer's context
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            s:close()
            local ok, err = s:send("x")
            ngx.shared.r:set("out", tostring(ok) .. " " .. tostring(err))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
nil closed
--- error_log
attempt to send data on a closed socket

=== TEST 17: a running timer's connected socket is refused to the request ("bad request"); once the timer ended it is closed
--- http_config
lua_shared_dict r 1m;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    content_by_lua_block {
        local holder = {}
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            holder.s = s
            ngx.shared.r:set("made", true)
            ngx.sleep(0.3)
            ngx.shared.r:set("over", true)
        end)
        for i = 1, 300 do
            if ngx.shared.r:get("made") then break end
            ngx.sleep(0.01)
        end
        local s = holder.s
        ngx.say("send: ", pcall(s.send, s, "x"))
        ngx.say("receive: ", pcall(s.receive, s))
        ngx.say("close: ", pcall(s.close, s))
        ngx.say("setkeepalive: ", pcall(s.setkeepalive, s))
        ngx.say("sslhandshake: ", s:sslhandshake())
        ngx.say("getreusedtimes: ", s:getreusedtimes())
        for i = 1, 300 do
            if ngx.shared.r:get("over") then break end
            ngx.sleep(0.01)
        end
        ngx.sleep(0.05)
        ngx.say("ended, send: ", s:send("x"))
    }
}
--- request
GET /t
--- response_body
send: falsebad request
receive: falsebad request
close: falsebad request
setkeepalive: falsebad request
sslhandshake: nilbad request
getreusedtimes: 0
ended, send: nilclosed

=== TEST 18: connect parses the host as nginx does: "::1" has a bad port, "[::1]" is an address, a port in the host wins
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; listen [::1]:$TEST_NGINX_PORT_1; location / { return 200 "k\n"; } }
--- config
location /t {
    content_by_lua_block {
        for _, h in ipairs{"::1", "[::1]", "127.0.0.1:$TEST_NGINX_PORT_1", "[::1]:$TEST_NGINX_PORT_1", "127.0.0.1:abc", "", "[::1", "[zz]", "127.1"} do
            local s = ngx.socket.tcp()
            local port = h == "[::1]" and $TEST_NGINX_PORT_1 or 1
            ngx.say(h:gsub("%d%d%d%d+", "PORT"), " => ", s:connect(h, port))
            s:close()
        end
    }
}
--- request
GET /t
--- response_body
::1 => nilfailed to parse host name "::1": invalid port
[::1] => 1
127.0.0.1:PORT => 1
[::1]:PORT => 1
127.0.0.1:abc => nilfailed to parse host name "127.0.0.1:abc": invalid port
 => nilfailed to parse host name "": no host
[::1 => nilfailed to parse host name "[::1": invalid host
[zz] => nilfailed to parse host name "[zz]": invalid IPv6 address
127.1 => nilno resolver defined to resolve "127.1"

=== TEST 19: tcpsock:bind sets the local address of later connects (kept across close); bad addresses and failed binds
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; listen [::1]:$TEST_NGINX_PORT_1; location / { return 200 "$remote_addr\n"; } }
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        ngx.say(pcall(s.bind, s))
        ngx.say(pcall(s.bind, s, "127.0.0.1", 2))
        ngx.say(select(2, s:bind(1)), " ", select(2, s:bind("127.0.0.1:80")), " ", select(2, s:bind("localhost")))
        ngx.say("foreign table: ", s.bind({}, "127.0.0.1"))
        ngx.say("bind: ", s:bind("127.0.0.2"))
        ngx.say("connect: ", s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        s:send("GET / HTTP/1.0\r\n\r\n")
        ngx.print("seen as: ", s:receive("*a"):match("\r\n\r\n(.*)$"))
        local v6 = ngx.socket.tcp()
        ngx.say("bind v6: ", v6:bind("::1"))
        ngx.say("v6 to v4: ", v6:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say("v6 to v6: ", v6:connect("[::1]", $TEST_NGINX_PORT_1))
        v6:close()
        ngx.say("after close: ", v6:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        local far = ngx.socket.tcp()
        far:bind("192.0.2.1")
        ngx.say("unassigned: ", far:connect("127.0.0.1", $TEST_NGINX_PORT_1))
    }
}
--- request
GET /t
--- response_body
falseexpecting 2 arguments, but got 1
falseexpecting 2 arguments, but got 3
bad address bad address bad address
foreign table: true
bind: true
connect: 1
seen as: 127.0.0.2
bind v6: true
v6 to v4: niladdress family not supported by protocol
v6 to v6: 1
after close: niladdress family not supported by protocol
unassigned: nilcannot assign requested address
--- error_log
bind(::1) failed (97: Address family not supported by protocol)
bind(192.0.2.1) failed (99: Cannot assign requested address)
