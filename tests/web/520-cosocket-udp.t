# UDP cosockets (ngx.socket.udp) against a scripted UDP peer ($TEST_NGINX_UDP_PORT, see
# Harness/FakeUdpBackend.cs): setpeername, send (strings, numbers, nil, booleans, nested tables),
# receive (whole datagrams, sizes, timeouts), settimeout, close, and ngx_lua's errors and log lines.

=== TEST 1: setpeername, send a datagram, receive the reply, close
--- udp_backend
recv
echo
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say("peer: ", sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        ngx.say("send: ", sock:send("hello"))
        ngx.say("receive: ", sock:receive())
        ngx.say("close: ", sock:close())
        ngx.say("close again: ", sock:close())
    }
}
--- request
GET /t
--- response_body
peer: 1
send: 1
receive: echo:hello
close: 1
close again: nilclosed
--- udp_backend_received
hello

=== TEST 2: send takes strings, numbers, nil, booleans and nested arrays, one datagram each
--- udp_backend
recv
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        ngx.say(sock:send({"a", {"b", 1, 2.5}, "c"}))
        ngx.say(sock:send(12))
        ngx.say(sock:send(true))
        ngx.say(sock:send(false))
        ngx.say(sock:send(nil))
        ngx.say(sock:send("bin\0ary"))
    }
}
--- request
GET /t
--- response_body
1
1
1
1
1
1
--- udp_backend_received
ab12.5c
12
true
false
nil
bin\0ary

=== TEST 3: send's argument errors
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        ngx.say(pcall(sock.send, sock, {true}))
        ngx.say(pcall(sock.send, sock, print))
        ngx.say(pcall(sock.send, sock))
        ngx.say(pcall(sock.send, sock, "a", "b"))
        ngx.say(pcall(sock.send, 1, "x"))
    }
}
--- request
GET /t
--- response_body
falsebad argument #2 to '?' (bad data type boolean found)
falsebad argument #2 to '?' (string, number, boolean, nil, or array table expected, got function)
falseexpecting 2 arguments (including the object), but got 1
falseexpecting 2 arguments (including the object), but got 3
falsebad argument #1 to '?' (table expected, got number)

=== TEST 4: receive returns one datagram per call; a size cuts the datagram and drops the rest
--- udp_backend
recv
send part0
send part1
send part2
send part3
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        assert(sock:send("go"))
        ngx.say(sock:receive(3))
        ngx.say(sock:receive())
        ngx.say(sock:receive(100))
        ngx.say(sock:receive("2"))
    }
}
--- request
GET /t
--- response_body
par
part1
part2
pa

=== TEST 5: receive sizes: 0 consumes a datagram, a negative size means the maximum, bad sizes raise
--- udp_backend
recv
send first
send second
send third
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        assert(sock:send("go"))
        local data = sock:receive(0)
        ngx.say("zero: [", data, "]")
        ngx.say("negative: ", sock:receive(-1))
        ngx.say("fraction: ", sock:receive(2.9))
        ngx.say(pcall(sock.receive, sock, "x"))
        ngx.say(pcall(sock.receive, sock, 1, 2))
    }
}
--- request
GET /t
--- response_body
zero: []
negative: second
fraction: th
falsebad argument #2 to '?' (number expected, got string)
falseexpecting 1 or 2 arguments (including the object), but got 3

=== TEST 6: a big datagram arrives whole; an empty one is an empty string
--- udp_backend
recv
send \{x*60000}
recv
send
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        assert(sock:send("big"))
        local data = sock:receive()
        ngx.say(#data, " ", data == string.rep("x", 60000))
        assert(sock:send("empty"))
        local data, err = sock:receive()
        ngx.say(type(data), " ", #data, " ", err)
    }
}
--- request
GET /t
--- response_body
60000 true
string 0 nil

=== TEST 7: a read timeout returns "timeout", logs it, and the socket stays usable
--- udp_backend
recv
recv
echo
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        sock:settimeout(100)
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        assert(sock:send("silence"))
        ngx.say(sock:receive())
        sock:settimeout(3000)
        assert(sock:send("again"))
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- timeout: 10
--- response_body
niltimeout
echo:again
--- error_log
lua udp socket read timed out

=== TEST 8: lua_socket_log_errors off silences the timeout line; lua_socket_read_timeout is the default
--- udp_backend
recv
--- config
lua_socket_log_errors off;
lua_socket_read_timeout 100ms;
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        assert(sock:send("silence"))
        ngx.say(sock:receive())
        ngx.say(sock:send("x"))
    }
}
--- request
GET /t
--- response_body
niltimeout
1
--- no_error_log
lua udp socket read timed out

=== TEST 9: settimeout stores its value in the object; non-numbers and 0 mean the default
--- udp_backend
recv
--- config
lua_socket_read_timeout 150ms;
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(pcall(sock.settimeout, sock, 50))
        ngx.say(sock[2])
        ngx.say(pcall(sock.settimeout, sock, "x"))
        ngx.say(pcall(sock.settimeout, sock, "20"))
        ngx.say(pcall(sock.settimeout, sock))
        ngx.say(pcall(sock.settimeout, sock, 1, 2))
        sock:settimeout(0)
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        assert(sock:send("x"))
        local start = ngx.now()
        ngx.say(sock:receive())
        ngx.update_time()
        local waited = ngx.now() - start
        ngx.say(waited >= 0.1 and waited < 1)
    }
}
--- request
GET /t
--- response_body
true
50
true
true
falsengx.socket settimeout: expecting at least 2 arguments (including the object) but seen 1
falsengx.socket settimeout: expecting at least 2 arguments (including the object) but seen 3
niltimeout
true

=== TEST 10: send and receive before setpeername or after close: "closed", with ngx_lua's log lines
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(sock:send("x"))
        ngx.say(sock:receive())
        ngx.say(sock:close())
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        ngx.say(sock:close())
        ngx.say(sock:send("x"))
        ngx.say(sock:receive())
        ngx.say(sock:close())
        ngx.say(pcall(sock.close, sock, 1))
    }
}
--- request
GET /t
--- response_body
nilclosed
nilclosed
nilclosed
1
nilclosed
nilclosed
nilclosed
falseexpecting 1 argument (including the object) but seen 2
--- error_log
attempt to send data on a closed socket: u:0000000000000000, c:0000000000000000
attempt to receive data on a closed socket: u:0000000000000000, c:0000000000000000

=== TEST 11: a peer that does not listen: the ICMP error is "connection refused" on the next receive or send
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        sock:settimeout(200)
        ngx.say(sock:setpeername("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(sock:send("x"))
        ngx.say(sock:receive())
        ngx.say(sock:send("x"))
        ngx.sleep(0.05)
        ngx.say(sock:send("x"))
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
1
1
nilconnection refused
1
nilconnection refused
niltimeout
--- error_log
recv() failed (111: Connection refused)
send() failed (111: Connection refused)

=== TEST 12: setpeername's argument checks and host parsing
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(pcall(sock.setpeername, sock))
        ngx.say(pcall(sock.setpeername, sock, "127.0.0.1", 53, 4))
        ngx.say(pcall(sock.setpeername, sock, nil, 53))
        ngx.say(pcall(sock.setpeername, sock, "127.0.0.1", nil))
        ngx.say(pcall(sock.setpeername, sock, "127.0.0.1", "x"))
        ngx.say(sock:setpeername("127.0.0.1", 70000))
        ngx.say(sock:setpeername("127.0.0.1", -1))
        ngx.say(sock:setpeername("::1", 53))
        ngx.say(sock:setpeername("", 53))
        ngx.say(sock:setpeername("127.0.0.1:x"))
        ngx.say(sock:setpeername("127.0.0.1:0", 53))
        ngx.say(sock:setpeername("http://127.0.0.1", 53))
        ngx.say(sock:setpeername("127.0.0.1/x", 53))
        ngx.say(sock:setpeername("unix:"))
        ngx.say(sock:setpeername("[::1", 53))
        ngx.say(sock:setpeername("[zz::1]", 53))
        ngx.say(pcall(sock.setpeername, 1, "127.0.0.1", 53))
    }
}
--- request
GET /t
--- response_body
falsengx.socket.udp setpeername: expecting 2 or 3 arguments (including the object), but seen 1
falsengx.socket.udp setpeername: expecting 2 or 3 arguments (including the object), but seen 4
falsebad argument #2 to '?' (string expected, got nil)
falsebad argument #3 to '?' (number expected, got nil)
falsebad argument #3 to '?' (number expected, got string)
nilbad port number: 70000
nilbad port number: -1
nilfailed to parse host name "::1": invalid port
nilfailed to parse host name "": no host
nilfailed to parse host name "127.0.0.1:x": invalid port
nilfailed to parse host name "127.0.0.1:0": invalid port
nilfailed to parse host name "http://127.0.0.1": invalid host
nilfailed to parse host name "127.0.0.1/x": invalid host
nilfailed to parse host name "unix:": no path in the unix domain socket
nilfailed to parse host name "[::1": invalid host
nilfailed to parse host name "[zz::1]": invalid IPv6 address
falsebad argument #1 to '?' (table expected, got number)

=== TEST 13: a port in the host string wins; a port given as a numeric string or a fraction is taken
--- udp_backend
recv
echo
recv
echo
recv
echo
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(sock:setpeername("127.0.0.1:$TEST_NGINX_UDP_PORT", 1))
        sock:send("one")
        ngx.say(sock:receive())
        ngx.say(sock:setpeername("127.0.0.1", "$TEST_NGINX_UDP_PORT"))
        sock:send("two")
        ngx.say(sock:receive())
        ngx.say(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT + 0.5))
        sock:send("three")
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
1
echo:one
1
echo:two
1
echo:three

=== TEST 14: names need a resolver; "127.1" and "12" are names to nginx
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(sock:setpeername("foo.test", 53))
        ngx.say(sock:setpeername("localhost", 53))
        ngx.say(sock:setpeername("127.1", 53))
        ngx.say(sock:setpeername(12, 53))
        ngx.say(sock:setpeername("1.2.3.4.5", 53))
        ngx.say(sock:send("x"))
    }
}
--- request
GET /t
--- response_body
nilno resolver defined to resolve "foo.test"
nilno resolver defined to resolve "localhost"
nilno resolver defined to resolve "127.1"
nilno resolver defined to resolve "12"
nilno resolver defined to resolve "1.2.3.4.5"
nilclosed

=== TEST 15: a unix socket path that does not exist (the unconnected socket stays: send fails)
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(sock:setpeername("unix:$TEST_NGINX_PREFIX/nosuch.sock"))
        ngx.say(sock:send("x"))
    }
}
--- request
GET /t
--- response_body
nilno such file or directory
niltransport endpoint is not connected
--- error_log
[crit]
connect() failed (2: No such file or directory)
send() failed (107: Transport endpoint is not connected)

=== TEST 16: the object: a table with the method table as metatable and __index; no state before setpeername
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        local mt = getmetatable(sock)
        ngx.say(type(sock), " ", mt == mt.__index, " ", tostring(sock[1]))
        local names = {}
        for k in pairs(mt) do names[#names + 1] = k end
        table.sort(names)
        ngx.say(table.concat(names, " "))
        ngx.say(pcall(ngx.socket.udp, 1))
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        ngx.say(type(sock[1]))
    }
}
--- request
GET /t
--- response_body
table true nil
__index close receive send setpeername settimeout
falseexpecting zero arguments, but got 1
userdata

=== TEST 17: ngx.socket.udp is refused in set_by_lua, header_filter_by_lua and log_by_lua, as ngx_lua does
--- config
location /t {
    set_by_lua_block $x { local ok, e = pcall(ngx.socket.udp) return tostring(ok) .. " " .. e }
    header_filter_by_lua_block { local ok, e = pcall(ngx.socket.udp) ngx.header["X-HF"] = e }
    log_by_lua_block { local ok, e = pcall(ngx.socket.udp) ngx.log(ngx.ERR, "in log: ", e) }
    content_by_lua_block { ngx.say(ngx.var.x) }
}
--- request
GET /t
--- response_body
false API disabled in the context of set_by_lua*
--- response_headers
X-HF: API disabled in the context of header_filter_by_lua*
--- error_log
in log: API disabled in the context of log_by_lua*

=== TEST 18: rewrite and access phases may use UDP sockets
--- udp_backend
recv
echo
recv
echo
--- config
location /t {
    rewrite_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        sock:send("rewrite")
        ngx.ctx.r = sock:receive()
    }
    access_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        sock:send("access")
        ngx.ctx.a = sock:receive()
    }
    content_by_lua_block { ngx.say(ngx.ctx.r, " ", ngx.ctx.a) }
}
--- request
GET /t
--- response_body
echo:rewrite echo:access

=== TEST 19: an empty datagram is sent (nginx's send wrapper complains about it in an alert)
--- udp_backend
recv
echo
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        ngx.say(sock:send(""))
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
1
echo:
--- error_log
send() returned zero

=== TEST 20: a datagram over the size limit: "message too long" and nginx's alert
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        ngx.say(sock:send(string.rep("a", 70000)))
    }
}
--- request
GET /t
--- response_body
nilmessage too long
--- error_log
[alert]
send() failed (90: Message too long)

=== TEST 21: setpeername again replaces the peer (and drops what the old socket had received)
--- udp_backend
recv
echo
recv
echo
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        sock:send("first")
        ngx.sleep(0.1)
        assert(sock:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
        sock:send("second")
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
echo:second
