# Client aborts: lua_check_client_abort and ngx.on_abort. The client sends a request and closes
# its connection while the handler is parked (ngx.sleep, a cosocket, a thread wait); with the
# check on, nginx logs "client prematurely closed connection" and either runs the on_abort
# function as a light thread or ends the request with 499, stopping its Lua code.

=== TEST 1: no on_abort handler: the request ends with 499 and the handler's code stops
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        ngx.log(ngx.ERR, "before sleep")
        ngx.sleep(0.6)
        ngx.log(ngx.ERR, "after sleep")
        ngx.say("done")
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
before sleep
client prematurely closed connection, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
--- no_error_log
after sleep
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 2: the on_abort handler runs as a light thread; the parked handler then goes on
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        local ok, err = ngx.on_abort(function() ngx.log(ngx.ERR, "on abort called") end)
        ngx.log(ngx.ERR, "on_abort: ", ok, " ", err)
        ngx.sleep(0.6)
        ngx.log(ngx.ERR, "after sleep")
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
on_abort: 1 nil
client prematurely closed connection
on abort called
after sleep

=== TEST 3: the on_abort handler ends the request with ngx.exit(499)
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        ngx.on_abort(function() ngx.log(ngx.ERR, "aborting") ngx.exit(499) end)
        ngx.sleep(0.6)
        ngx.log(ngx.ERR, "after sleep")
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
aborting
--- no_error_log
after sleep
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 4: lua_check_client_abort off: nothing happens, the handler runs to its end
--- config
location /t {
    content_by_lua_block {
        ngx.sleep(0.6)
        ngx.log(ngx.ERR, "after sleep")
        ngx.say("done")
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
after sleep
--- no_error_log
client prematurely closed connection
--- access_log
"GET /t HTTP/1.1" 200

=== TEST 5: ngx.on_abort with lua_check_client_abort off answers nil and an error
--- config
location /t {
    content_by_lua_block {
        ngx.say(ngx.on_abort(function() end))
        ngx.say(ngx.on_abort("not checked first"))
    }
}
--- request
GET /t
--- response_body
nillua_check_client_abort is off
nillua_check_client_abort is off

=== TEST 6: a second ngx.on_abort is a "duplicate call"
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        ngx.say(ngx.on_abort(function() end))
        ngx.say(ngx.on_abort(function() end))
        ngx.say(ngx.on_abort("x"))
    }
}
--- request
GET /t
--- response_body
1
nilduplicate call
nilduplicate call

=== TEST 7: ngx.on_abort needs a function
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        ngx.say(pcall(ngx.on_abort, "x"))
        ngx.say(pcall(ngx.on_abort))
    }
}
--- request
GET /t
--- response_body
falsebad argument #1 to '?' (Lua function expected)
falsebad argument #1 to '?' (Lua function expected)

=== TEST 8: ngx.on_abort is disabled in header_filter_by_lua
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block { ngx.say("ok") }
    header_filter_by_lua_block {
        local ok, err = pcall(ngx.on_abort, function() end)
        ngx.log(ngx.ERR, "hf: ", err)
    }
}
--- request
GET /t
--- response_body
ok
--- error_log
hf: API disabled in the context of header_filter_by_lua*

=== TEST 9: an abort in rewrite_by_lua ends the request before content
--- config
lua_check_client_abort on;
location /t {
    rewrite_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after rewrite sleep") }
    content_by_lua_block { ngx.log(ngx.ERR, "content ran") }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
client prematurely closed connection
--- no_error_log
after rewrite sleep
content ran
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 10: an abort in access_by_lua ends the request with 499
--- config
lua_check_client_abort on;
location /t {
    access_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after access sleep") }
    content_by_lua_block { ngx.log(ngx.ERR, "content ran") }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- no_error_log
after access sleep
content ran
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 11: an on_abort set in rewrite_by_lua does not serve an abort in content_by_lua
--- config
lua_check_client_abort on;
location /t {
    rewrite_by_lua_block { ngx.on_abort(function() ngx.log(ngx.ERR, "handler from rewrite") end) }
    content_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after content sleep") }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- no_error_log
handler from rewrite
after content sleep
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 12: an abort while waiting on a light thread: 499, the thread stops too
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        local t = ngx.thread.spawn(function() ngx.sleep(0.6) ngx.log(ngx.ERR, "thread woke") end)
        ngx.thread.wait(t)
        ngx.log(ngx.ERR, "after wait")
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
client prematurely closed connection
--- no_error_log
thread woke
after wait
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 13: an abort while a cosocket waits for a slow server: 499
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { echo_sleep 0.6; echo "slow"; } }
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        local s = ngx.socket.tcp()
        assert(s:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        s:send("GET / HTTP/1.0\r\n\r\n")
        local data, err = s:receive("*a")
        ngx.log(ngx.ERR, "received: ", data and #data or err)
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
client prematurely closed connection, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1"
--- no_error_log
received:
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 14: a client that only shuts down its sending side has aborted too; nothing is sent
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after sleep") ngx.say("late") }
}
--- request
GET /t
--- abort_after_ms: 200
--- abort_half_close
--- response_closed
--- error_log
client prematurely closed connection
--- no_error_log
after sleep
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 15: an error in the on_abort handler is a light thread's error; the handler goes on
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        ngx.on_abort(function() error("oops in handler") end)
        ngx.sleep(0.6)
        ngx.log(ngx.ERR, "after sleep")
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
lua user thread aborted: runtime error: content_by_lua(nginx.conf:17):2: oops in handler
after sleep

=== TEST 16: after output went out the status stays; the reset is in the log line
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        ngx.say("first")
        ngx.flush(true)
        ngx.sleep(0.6)
        ngx.log(ngx.ERR, "after sleep")
    }
}
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
client prematurely closed connection (104: Connection reset by peer)
--- no_error_log
after sleep
--- access_log
"GET /t HTTP/1.1" 200

=== TEST 17: an on_abort handler never runs when the client stays
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        ngx.on_abort(function() ngx.log(ngx.ERR, "on abort called") end)
        ngx.sleep(0.1)
        ngx.say("stayed")
    }
}
--- request
GET /t
--- response_body
stayed
--- no_error_log
on abort called
client prematurely closed connection

=== TEST 18: a request body sent before the abort does not hide it
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after sleep") }
}
--- request
POST /t
hello body
--- abort_after_ms: 200
--- wait: 0.8
--- no_error_log
after sleep
--- access_log
"POST /t HTTP/1.1" 499 0

=== TEST 19: the checks are per location: off in a nested location
--- config
lua_check_client_abort on;
location /t {
    location /t/off {
        lua_check_client_abort off;
        content_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after sleep") }
    }
}
--- request
GET /t/off
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
after sleep
--- no_error_log
client prematurely closed connection

=== TEST 20: a client leaving while a proxied upstream is slow: 499, the upstream connection closed
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { echo_sleep 0.6; echo "slow"; } }
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
--- request
GET /t
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
epoll_wait() reported that client prematurely closed connection, so upstream connection is closed too while sending request to upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_PORT_1/t", host: "localhost"
--- access_log
"GET /t HTTP/1.1" 499 0
