# balancer_by_lua_block and ngx.balancer: the Lua code picks the peer of every attempt from
# the request (a header, an argument), asks for more tries and sees how the last attempt failed;
# an error in it is a 500 with ngx_lua's log line.

=== TEST 1: the peer chosen by a request header
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local b = require "ngx.balancer"
        local port = ngx.req.get_headers()["X-Backend"] == "two" and $TEST_NGINX_PORT_2 or $TEST_NGINX_PORT_1
        assert(b.set_current_peer("127.0.0.1", port))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "one\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "two\n"; } }
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- more_headers
X-Backend: two
--- response_body
two

=== TEST 2: the peer chosen by ngx.var.arg_x, and ngx.get_phase() is "balancer"
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local b = require "ngx.balancer"
        ngx.log(ngx.ERR, "phase: ", ngx.get_phase())
        assert(b.set_current_peer("127.0.0.1", ngx.var.arg_x == "1" and $TEST_NGINX_PORT_1 or $TEST_NGINX_PORT_2))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "one\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "two\n"; } }
--- config
location /t { proxy_pass http://u; }
--- request
GET /t?x=1
--- response_body
one
--- error_log
phase: balancer

=== TEST 3: a refused peer, then set_more_tries and get_last_failure lead to a second one
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local b = require "ngx.balancer"
        local state, status = b.get_last_failure()
        ngx.log(ngx.ERR, "last failure: ", state, " ", status)
        if not state then
            b.set_more_tries(1)
            assert(b.set_current_peer("127.0.0.1", $TEST_NGINX_PORT_3))
        else
            assert(b.set_current_peer("127.0.0.1", $TEST_NGINX_PORT_1))
        end
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "one\n"; } }
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- response_body
one
--- error_log
last failure: nil nil
last failure: failed 502
connect() failed (111: Connection refused) while connecting to upstream

=== TEST 4: without more tries a refused peer is the answer: 502
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        assert(require("ngx.balancer").set_current_peer("127.0.0.1", $TEST_NGINX_PORT_3))
    }
}
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- error_code: 502

=== TEST 5: a host name is refused by set_current_peer
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local ok, err = require("ngx.balancer").set_current_peer("localhost", $TEST_NGINX_PORT_1)
        ngx.log(ngx.ERR, "set: ", ok, " ", err)
        assert(require("ngx.balancer").set_current_peer("127.0.0.1", $TEST_NGINX_PORT_1))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "one\n"; } }
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- response_body
one
--- error_log
set: nil no host allowed

=== TEST 6: an error in the balancer is a 500
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        error("boom")
    }
}
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- error_code: 500
--- error_log
failed to run balancer_by_lua*: balancer_by_lua(nginx.conf:

=== TEST 7: outside balancer_by_lua the functions answer "no upstream found"
--- config
location /t {
    content_by_lua_block {
        local b = require "ngx.balancer"
        ngx.say(b.set_current_peer("127.0.0.1", 80))
        ngx.say(b.set_more_tries(1))
        ngx.say(b.get_last_failure())
    }
}
--- request
GET /t
--- response_body
nilno upstream found
nilno upstream found
nilnilno upstream found
