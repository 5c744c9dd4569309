# tcpsock:sslhandshake against a TLS fake backend (--- backend_tls, Harness/TlsBackend.cs) presenting
# certificates made for the run (Harness/TestCertificates.cs, $TEST_NGINX_CERTS).

=== TEST 1: a verified handshake with SNI, then a request over TLS
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", true)
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: session
hello over tls
--- backend_sni: test.example
--- no_error_log
[error]

=== TEST 2: no server name: no SNI is sent and no host is checked
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch(nil, true)
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: session
hello over tls
--- backend_sni: none

=== TEST 3: a name the certificate does not hold: certificate host mismatch
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("other.example", true)
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: certificate host mismatch
--- error_log
lua ssl certificate does not match host "other.example"

=== TEST 4: a wildcard name in the certificate matches one label only
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("a.wild.example", true) fetch("b.a.wild.example", true)
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: session
hello over tls
handshake: certificate host mismatch

=== TEST 5: without a host check (ssl_verify off) any name is accepted
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("other.example", false)
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: session
hello over tls
--- backend_sni: other.example

=== TEST 6: no trusted certificate configured: 20, and the socket is closed
--- config
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        local s = fetch("test.example", true)
        ngx.say(s:sslhandshake(nil, "test.example", true))
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: 20: unable to get local issuer certificate
nil20: closed
--- error_log
lua ssl certificate verify error: (20: unable to get local issuer certificate)

=== TEST 7: a self-signed certificate: 18
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", true)
    }
}
--- backend_tls: self
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: 18: self-signed certificate
--- error_log
lua ssl certificate verify error: (18: self-signed certificate)

=== TEST 8: a CA the peer's certificate does not come from: 21
--- nginx_flaky
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/other-ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", true)
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: 21: unable to verify the first certificate

=== TEST 9: a chain through an intermediate passes at the default depth 1
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", true)
    }
}
--- backend_tls: chain
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: session
hello over tls

=== TEST 10: lua_ssl_verify_depth 0 refuses the intermediate
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
lua_ssl_verify_depth 0;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", true)
    }
}
--- backend_tls: chain
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: 20: unable to get local issuer certificate

=== TEST 11: an expired certificate: 10
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", true)
    }
}
--- backend_tls: expired
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: 10: certificate has expired
--- error_log
lua ssl certificate verify error: (10: certificate has expired)

=== TEST 12: ssl_verify off accepts a self-signed certificate
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", false)
    }
}
--- backend_tls: self
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: session
hello over tls

=== TEST 13: reused_session false returns true; a session passed back is accepted
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        local _, sess = fetch("test.example", true, false)
        local _, sess = fetch("test.example", true)
        fetch("test.example", true, sess)
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: true
hello over tls
handshake: session
hello over tls
handshake: session
hello over tls

=== TEST 14: lua_socket_log_errors off: the verify error is returned, not logged
--- config
lua_socket_log_errors off;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", true)
    }
}
--- backend_tls: self
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: 18: self-signed certificate
--- no_error_log
lua ssl certificate verify error

=== TEST 15: lua_ssl_protocols TLSv1.3
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
lua_ssl_protocols TLSv1.3;
location /t {
    content_by_lua_block {
        local function fetch(name, verify, reuse)
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local sess, err = s:sslhandshake(reuse, name, verify)
            if not sess then ngx.say("handshake: ", err) return s end
            ngx.say("handshake: ", type(sess) == "boolean" and "true" or "session")
            assert(s:send("GET / HTTP/1.0\r\nHost: test.example\r\n\r\n"))
            ngx.say((s:receive("*a"):gsub("^.-\r\n\r\n", "")))
            s:close()
            return s, sess
        end
        fetch("test.example", true)
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.0 200 OK\r\n\r\nhello over tls
--- request
GET /t
--- response_body
handshake: session
hello over tls

=== TEST 16: a backend that answers in plain text: handshake failed
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
        ngx.say(s:sslhandshake(nil, "test.example", false))
        ngx.say(s:send("x"))
    }
}
--- backend
send HTTP/1.0 400 Bad Request\r\n\r\n
wait
--- request
GET /t
--- response_body
nilhandshake failed
nilclosed
--- error_log
SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number)

=== TEST 17: a backend that closes during the handshake
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
        ngx.say(s:sslhandshake(nil, "test.example", true))
    }
}
--- backend
close
--- request
GET /t
--- response_body
nilhandshake failed
--- error_log
peer closed connection in SSL handshake

=== TEST 18: a backend that never answers the handshake: timeout, not logged
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        s:settimeout(200)
        assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
        ngx.say(s:sslhandshake(nil, "test.example", true))
    }
}
--- backend
wait
--- request
GET /t
--- response_body
niltimeout
--- no_error_log
[error]

=== TEST 19: a TLS connection kept alive is reused without a new handshake
--- config
lua_ssl_trusted_certificate $TEST_NGINX_CERTS/ca.crt;
location /t {
    content_by_lua_block {
        for i = 1, 2 do
            local s = ngx.socket.tcp()
            s:settimeout(2000)
            assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
            local reused = s:getreusedtimes()
            ngx.say("reused: ", reused)
            if reused == 0 then ngx.say("handshake: ", s:sslhandshake(false, "test.example", true)) end
            assert(s:send("GET / HTTP/1.1\r\nHost: test.example\r\n\r\n"))
            ngx.say(s:receive())
            local len = 0
            while true do
                local line = s:receive()
                if line == "" then break end
                len = tonumber(line:match("Content%-Length: (%d+)")) or len
            end
            ngx.say(s:receive(len))
            ngx.say("keepalive: ", s:setkeepalive())
        end
    }
}
--- backend_tls: leaf
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst
read
send HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond
wait
--- request
GET /t
--- response_body
reused: 0
handshake: true
HTTP/1.1 200 OK
first
keepalive: 1
reused: 1
HTTP/1.1 200 OK
second
keepalive: 1
--- backend_connections: 1

=== TEST 20: argument errors: a server name that is no string, a socket never connected, too many arguments
--- config
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        local ok, err = pcall(s.sslhandshake, s)
        ngx.say(ok, " ", err:match("socket is never created nor connected"))
        assert(s:connect("127.0.0.1", $TEST_NGINX_BACKEND_PORT))
        ok, err = pcall(s.sslhandshake, s, nil, {}, true)
        ngx.say(ok, " ", err:match("cannot convert 'table' to 'const unsigned char %*'"))
        ok, err = pcall(s.sslhandshake, s, nil, "x", true, false, 1)
        ngx.say(ok, " ", err:match("ngx.socket sslhandshake: expecting 1 ~ 5 arguments %(including the object%), but seen 6"))
    }
}
--- backend
wait
--- request
GET /t
--- response_body
false socket is never created nor connected
false cannot convert 'table' to 'const unsigned char *'
false ngx.socket sslhandshake: expecting 1 ~ 5 arguments (including the object), but seen 6

=== TEST 21: lua_ssl_trusted_certificate naming a missing file stops start-up
--- config
lua_ssl_trusted_certificate missing-ca.crt;
--- must_die
--- error_log
[emerg]
SSL_CTX_load_verify_locations("$TEST_NGINX_PREFIX/conf/missing-ca.crt") failed (SSL: error:80000002:system library::No such file or directory:calling fopen($TEST_NGINX_PREFIX/conf/missing-ca.crt, r) error:10000080:BIO routines::no such file error:05880002:x509 certificate routines::system lib)

=== TEST 22: lua_ssl_verify_depth takes a number
--- config
lua_ssl_verify_depth x;
--- must_die
--- error_log
"lua_ssl_verify_depth" directive invalid number in

=== TEST 23: lua_ssl_protocols refuses an unknown protocol
--- config
lua_ssl_protocols TLSv1.2 SSLv9;
--- must_die
--- error_log
invalid value "SSLv9" in
