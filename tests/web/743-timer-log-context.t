# A timer's log lines end as ngx_lua's fake timer connection makes them: ", context: ngx.timer,
# client: CLIENT, server: LISTEN-ADDRESS" (the listening socket's address, not a server name),
# or just ", context: ngx.timer" for a timer no request made.

=== TEST 1: a timer made by a request names its client and the listening address
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function() ngx.log(ngx.ERR, "in timer") end)
        ngx.say("ok")
    }
}
--- request
GET /t
--- response_body
ok
--- error_log
[lua] content_by_lua(nginx.conf:16):2: in timer, context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 2: a failing timer's line ends the same way
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function() error("timer boom") end)
        ngx.say("ok")
    }
}
--- request
GET /t
--- response_body
ok
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:16):2: timer boom
in function <content_by_lua(nginx.conf:16):2>, context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 3: a timer made by a timer keeps the request's client and address
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            ngx.timer.at(0, function() ngx.log(ngx.ERR, "nested timer") end)
        end)
        ngx.say("ok")
    }
}
--- request
GET /t
--- response_body
ok
--- error_log
nested timer, context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 4: a timer from init_worker_by_lua has no client or server
--- http_config
init_worker_by_lua_block { ngx.timer.at(0, function() ngx.log(ngx.ERR, "init timer") end) }
--- config
location /t { return 200 "ok\n"; }
--- request
GET /t
--- response_body
ok
--- error_log
init timer, context: ngx.timer
--- no_error_log
init timer, context: ngx.timer, client

=== TEST 5: on a wildcard listen the address is 0.0.0.0:PORT (and so is a connection's "waiting for request" line)
--- full_config
daemon off;
master_process off;
worker_processes 1;
error_log logs/error.log info;
pid logs/nginx.pid;
events { worker_connections 1024; }
http {
    access_log logs/access.log;
    server {
        listen $TEST_NGINX_SERVER_PORT;
        location /t {
            content_by_lua_block {
                ngx.timer.at(0, function() ngx.log(ngx.ERR, "wildcard timer") end)
                ngx.say("ok")
            }
        }
    }
}
--- request
GET /t
--- response_body
ok
--- error_log
wildcard timer, context: ngx.timer, client: 127.0.0.1, server: 0.0.0.0:$TEST_NGINX_SERVER_PORT
client closed connection while waiting for request, client: 127.0.0.1, server: 0.0.0.0:$TEST_NGINX_SERVER_PORT
