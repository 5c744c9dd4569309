# Cosockets a request (or a timer) leaves open are closed when it ends, as ngx_lua's cleanup
# handlers close them (not whenever the collector finds the object). The peer here is a Lua
# "sink" on $TEST_NGINX_PORT_1 reading a request body that never completes: it logs what its
# read ended with and whether that came promptly (a close), not after its 5 s timeout.

=== TEST 1: a socket the request leaves open is closed when the request ends
--- http_config
server {
    listen 127.0.0.1:$TEST_NGINX_PORT_1;
    location /sink {
        lua_socket_read_timeout 5s;
        content_by_lua_block {
            local sock = ngx.req.socket()
            local t = ngx.now()
            local data, err, partial = sock:receive(100)
            ngx.update_time()
            ngx.log(ngx.ERR, "sink read: ", tostring(data), " ", tostring(err), " [", tostring(partial), "] prompt: ", tostring(ngx.now() - t < 2))
        }
    }
}
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        s:send("POST /sink HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
        ngx.say("left open")
    }
}
--- request
GET /t
--- response_body
left open
--- wait: 0.5
--- error_log
sink read: nil client aborted [abc] prompt: true

=== TEST 2: a socket a timer leaves open is closed when its callback returns
--- http_config
server {
    listen 127.0.0.1:$TEST_NGINX_PORT_1;
    location /sink {
        lua_socket_read_timeout 5s;
        content_by_lua_block {
            local sock = ngx.req.socket()
            local t = ngx.now()
            local data, err, partial = sock:receive(100)
            ngx.update_time()
            ngx.log(ngx.ERR, "sink read: ", tostring(data), " ", tostring(err), " [", tostring(partial), "] prompt: ", tostring(ngx.now() - t < 2))
        }
    }
}
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local s = ngx.socket.tcp()
            assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
            s:send("POST /sink HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\ntimer")
            ngx.sleep(0.1)
        end)
        ngx.say("timer made")
    }
}
--- request
GET /t
--- response_body
timer made
--- wait: 0.7
--- error_log
sink read: nil client aborted [timer] prompt: true

=== TEST 3: a request parked in a receive whose client went away (499) has its socket closed
--- http_config
server {
    listen 127.0.0.1:$TEST_NGINX_PORT_1;
    location /sink {
        lua_socket_read_timeout 5s;
        content_by_lua_block {
            local sock = ngx.req.socket()
            local t = ngx.now()
            local data, err, partial = sock:receive(100)
            ngx.update_time()
            ngx.log(ngx.ERR, "sink read: ", tostring(data), " ", tostring(err), " [", tostring(partial), "] prompt: ", tostring(ngx.now() - t < 2))
        }
    }
}
--- config
location /t {
    lua_check_client_abort on;
    content_by_lua_block {
        local s = ngx.socket.tcp()
        s:settimeout(4000)
        assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        s:send("POST /sink HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nparked")
        local d, err = s:receive()
        ngx.log(ngx.ERR, "resumed after the abort: ", tostring(err))
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.7
--- error_log
sink read: nil client aborted [parked] prompt: true
--- no_error_log
resumed after the abort
lua tcp socket read timed out

=== TEST 4: a subrequest's connected socket is refused to the main request ("bad request") and closed when the main request ends
--- http_config
server {
    listen 127.0.0.1:$TEST_NGINX_PORT_1;
    location /sink {
        lua_socket_read_timeout 5s;
        content_by_lua_block {
            local sock = ngx.req.socket()
            local t = ngx.now()
            local data, err, partial = sock:receive(100)
            ngx.update_time()
            ngx.log(ngx.ERR, "sink read: ", tostring(data), " ", tostring(err), " [", tostring(partial), "] prompt: ", tostring(ngx.now() - t < 2))
        }
    }
}
--- config
location /sub {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        s:send("POST /sink HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nsub")
        package.loaded.t553_socket = s
        ngx.print("sub done")
    }
}
location /t {
    content_by_lua_block {
        local res = ngx.location.capture("/sub")
        ngx.say(res.body)
        local s = package.loaded.t553_socket
        package.loaded.t553_socket = nil
        ngx.say("send from main: ", pcall(s.send, s, "d"))
        ngx.sleep(0.2)
        ngx.say("main still running")
    }
}
--- request
GET /t
--- response_body
sub done
send from main: falsebad request
main still running
--- wait: 0.5
--- error_log
sink read: nil client aborted [sub] prompt: true

=== TEST 5: a socket given to the keepalive pool is not closed at the request's end
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "k\n"; } }
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        local ok, err = s:connect("127.0.0.1", $TEST_NGINX_PORT_1, { pool = "t553" })
        ngx.say("reused: ", s:getreusedtimes())
        s:send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        local head = s:receiveuntil("\r\n\r\n")()
        s:receive(tonumber(head:match("Content%-Length: (%d+)")))
        s:setkeepalive()
    }
}
--- requests
GET /t
GET /t
--- response_bodies
reused: 0
reused: 1

=== TEST 6: a socket closed by its request's end can be connected again by a later request
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "k\n"; } }
--- config
location /a {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        package.loaded.t553_kept = s
        ngx.say("left open")
    }
}
location /b {
    content_by_lua_block {
        local s = package.loaded.t553_kept
        ngx.say("send: ", s:send("x"))
        ngx.say("connect: ", s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        s:send("GET / HTTP/1.0\r\n\r\n")
        ngx.print("body: ", s:receive("*a"):match("\r\n\r\n(.*)$"))
    }
}
--- requests
GET /a
GET /b
--- response_bodies
left open
send: nilclosed
connect: 1
body: k
--- error_log
attempt to send data on a closed socket
