# TCP cosockets (ngx.socket.tcp) against a plain HTTP server block on $TEST_NGINX_PORT_1:
# connect, send (strings, tables, numbers), receive (*l, *a, counts, partial results),
# receiveany, timeouts, closed sockets and argument errors, as ngx_lua answers them.

=== TEST 1: connect, send a request, read the status line and the rest with *a
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "hello world\n"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        local ok, err = sock:connect("127.0.0.1", $TEST_NGINX_PORT_1)
        ngx.say("connect: ", ok, " ", err)
        ngx.say("reused: ", sock:getreusedtimes())
        local bytes = sock:send("GET /x HTTP/1.0\r\nHost: a\r\n\r\n")
        ngx.say("sent: ", bytes)
        ngx.say("line: ", sock:receive())
        local all = sock:receive("*a")
        ngx.say("body: ", string.match(all, "\r\n\r\n(.*)$"))
        ngx.say("again: ", sock:receive())
        ngx.say("close: ", sock:close())
    }
}
--- request
GET /t
--- response_body
connect: 1 nil
reused: 0
sent: 28
line: HTTP/1.1 200 OK
body: hello world

again: nilclosed
close: 1

=== TEST 2: a refused connection returns "connection refused" and logs nginx's connect() line
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say(sock:connect("127.0.0.1", $TEST_NGINX_PORT_2))
    }
}
--- request
GET /t
--- response_body
nilconnection refused
--- error_log
connect() failed (111: Connection refused)

=== TEST 3: a host name without a resolver
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say(sock:connect("nosuch.test", 80))
        ngx.say(sock:connect("localhost", 80))
    }
}
--- request
GET /t
--- response_body
nilno resolver defined to resolve "nosuch.test"
nilno resolver defined to resolve "localhost"

=== TEST 4: nested tables of strings and numbers are sent as one piece
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "$http_x\n"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(sock:send({"GET / HTTP/1.0\r\n", {"X: ", 1, 2.5, {"-", "z"}}, "\r\n\r\n"}))
        local all = sock:receive("*a")
        ngx.print(string.match(all, "\r\n\r\n(.*)$"))
    }
}
--- request
GET /t
--- response_body
29
12.5-z

=== TEST 5: *l drops \r and the \n; a count reads exactly that many bytes
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "ab\r\ncd\r\r\nefghij"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        repeat local l = sock:receive() until l == ""
        ngx.say("[", sock:receive("*l"), "]")
        ngx.say("[", sock:receive(), "]")
        ngx.say("[", sock:receive(3), "]")
        ngx.say("[", sock:receive(0), "]")
        ngx.say("[", sock:receive("3"), "]")
        local data, err, partial = sock:receive(10)
        ngx.say(data, " ", err, " [", partial, "]")
    }
}
--- request
GET /t
--- response_body
[ab]
[cd]
[efg]
[]
[hij]
nil closed []

=== TEST 6: a line cut by the peer's close gives the partial line
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "no newline"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        repeat local l = sock:receive() until l == ""
        local data, err, partial = sock:receive()
        ngx.say(data, " ", err, " [", partial, "]")
        ngx.say(sock:send("more"))
        ngx.say(sock:setkeepalive())
        ngx.say(sock:close())
        ngx.say(sock:close())
    }
}
--- request
GET /t
--- response_body
nil closed [no newline]
4
nilclosed
1
nilclosed

=== TEST 7: a read timeout returns the partial data and logs "lua tcp socket read timed out"; the socket stays usable
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "partial"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:settimeout(150)
        ngx.say(sock:receive())
        ngx.say(sock:send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        repeat local l = sock:receive() until l == ""
        local data, err, partial = sock:receive(100)
        ngx.say(data, " ", err, " [", partial, "]")
    }
}
--- request
GET /t
--- response_body
niltimeout
27
nil timeout [partial]
--- error_log
lua tcp socket read timed out

=== TEST 8: lua_socket_log_errors off keeps the timeout out of the log
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
lua_socket_log_errors off;
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:settimeout(100)
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
niltimeout
--- no_error_log
lua tcp socket read timed out

=== TEST 9: lua_socket_read_timeout is the default read timeout
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
lua_socket_read_timeout 100ms;
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        local t = ngx.now()
        ngx.say(sock:receive())
        ngx.say(ngx.now() - t < 2)
    }
}
--- request
GET /t
--- response_body
niltimeout
true

=== TEST 10: a socket never connected answers "closed" everywhere
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say(sock:send("x"))
        ngx.say(sock:receive())
        ngx.say(sock:receiveany(5))
        ngx.say(sock:getreusedtimes())
        ngx.say(sock:setkeepalive())
        ngx.say(sock:close())
    }
}
--- request
GET /t
--- response_body
nilclosed
nilclosed
nilclosed
nilclosed
nilclosed
nilclosed
--- error_log
attempt to send data on a closed socket
attempt to receive data on a closed socket

=== TEST 11: bad arguments raise ngx_lua's errors
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(pcall(sock.send, sock, function() end))
        ngx.say(pcall(sock.send, sock, {"a", {function() end}}))
        ngx.say(pcall(sock.receive, sock, "*x"))
        ngx.say(pcall(sock.receive, sock, -1))
        ngx.say(pcall(sock.receiveany, sock, 0))
        ngx.say(pcall(sock.send, sock))
        ngx.say(pcall(sock.connect, sock))
        ngx.say(pcall(sock.settimeout, sock))
    }
}
--- request
GET /t
--- response_body
falsebad argument #2 to '?' (string, number, boolean, nil, or array table expected, got function)
falsebad argument #2 to '?' (bad data type function found)
falsebad argument #2 to '?' (bad pattern argument)
falsebad argument #2 to '?' (bad pattern argument)
falsebad argument #2 to '?' (bad max argument)
falseexpecting 2 arguments (including the object), but got 1
falsengx.socket connect: expecting 2, 3, or 4 arguments (including the object), but seen 1
falsengx.socket settimeout: expecting 2 arguments (including the object) but seen 1

=== TEST 12: send of booleans, nil and empty strings
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(sock:send(""))
        ngx.say(sock:send(true))
        ngx.say(sock:send(false))
        ngx.say(sock:send(nil))
        ngx.say(sock:send({}))
        ngx.say(sock:send(12))
    }
}
--- request
GET /t
--- response_body
0
4
5
3
0
2

=== TEST 13: receiveany returns what arrived, at most max bytes
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "0123456789"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        repeat local l = sock:receive() until l == ""
        local got = {}
        while true do
            local data, err = sock:receiveany(4)
            if not data then ngx.say("end: ", err) break end
            assert(#data <= 4)
            got[#got + 1] = data
        end
        ngx.say(table.concat(got))
    }
}
--- request
GET /t
--- response_body
end: closed
0123456789

=== TEST 14: connecting an already connected object closes the first connection
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(sock:send("GET / HTTP/1.0\r\n\r\n"))
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
1
18
HTTP/1.1 200 OK

=== TEST 15: ngx.socket.connect connects in one call
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    content_by_lua_block {
        local sock, err = ngx.socket.connect("127.0.0.1", $TEST_NGINX_PORT_1)
        ngx.say(type(sock), " ", err)
        ngx.say(sock:send("GET / HTTP/1.0\r\n\r\n"))
        ngx.say(sock:receive())
        ngx.say(ngx.socket.connect("127.0.0.1", $TEST_NGINX_PORT_2))
    }
}
--- request
GET /t
--- response_body
table nil
18
HTTP/1.1 200 OK
nilconnection refused

=== TEST 16: the socket object is a table
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say(type(sock))
        ngx.say(type(getmetatable(sock).__index.connect))
        ngx.say(pcall(ngx.socket.tcp, 1))
    }
}
--- request
GET /t
--- response_body
table
function
falseexpecting zero arguments, but got 1

=== TEST 17: cosockets are disabled in set_by_lua, header_filter, body_filter and log
--- config
location /t {
    set_by_lua_block $x { local ok, err = pcall(ngx.socket.tcp) return tostring(err) }
    header_filter_by_lua_block { local ok, err = pcall(ngx.socket.tcp) ngx.header["X-H"] = err }
    content_by_lua_block { ngx.say(ngx.var.x) }
}
--- request
GET /t
--- response_body
API disabled in the context of set_by_lua*
--- response_headers
X-H: API disabled in the context of header_filter_by_lua*

=== TEST 18: cosockets work in rewrite and access handlers
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "x"; } }
--- config
location /t {
    rewrite_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        ngx.ctx.r = sock:receive()
    }
    access_by_lua_block {
        local sock = ngx.socket.tcp()
        assert(sock:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        ngx.ctx.a = sock:receive()
    }
    content_by_lua_block { ngx.say(ngx.ctx.r, "|", ngx.ctx.a) }
}
--- request
GET /t
--- response_body
HTTP/1.1 200 OK|HTTP/1.1 200 OK

=== TEST 19: a unix-domain socket
--- http_config
server { listen unix:$TEST_NGINX_PREFIX/logs/u.sock; location / { return 200 "over unix\n"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say(sock:connect("unix:$TEST_NGINX_PREFIX/logs/u.sock"))
        sock:send("GET / HTTP/1.0\r\n\r\n")
        local all = sock:receive("*a")
        ngx.print(string.match(all, "\r\n\r\n(.*)$"))
    }
}
--- request
GET /t
--- response_body
1
over unix

=== TEST 20: a unix-domain socket that does not exist
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say(sock:connect("unix:$TEST_NGINX_PREFIX/logs/none.sock"))
    }
}
--- request
GET /t
--- response_body
nilno such file or directory
--- error_log
No such file or directory

=== TEST 21: settimeout and settimeouts return nothing
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say(select("#", sock:settimeout(100)), " ", select("#", sock:settimeouts(100, 200, 300)))
    }
}
--- request
GET /t
--- response_body
0 0
