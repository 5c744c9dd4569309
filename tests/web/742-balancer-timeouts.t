# balancer_by_lua: the _file form, ngx.balancer.set_timeouts and recreate_request, and the
# log lines' nginx suffix (" while connecting to upstream", with the previous attempt's upstream).

=== TEST 1: balancer_by_lua_file picks the peer
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_file conf/balancer.lua;
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "from file\n"; } }
--- config
location /t { set $backend $TEST_NGINX_PORT_1; proxy_pass http://u; }
--- files
>>> conf/balancer.lua
local b = require "ngx.balancer"
ngx.log(ngx.ERR, "file balancer, phase ", ngx.get_phase())
assert(b.set_current_peer("127.0.0.1", tonumber(ngx.var.backend)))
--- request
GET /t
--- response_body
from file
--- error_log
file balancer, phase balancer while connecting to upstream

=== TEST 2: set_timeouts: the read timeout of the attempt
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local b = require "ngx.balancer"
        assert(b.set_timeouts(1, 1, 0.2))
        assert(b.set_current_peer("127.0.0.1", $TEST_NGINX_PORT_1))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { echo_sleep 1; echo "slow"; } }
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- error_code: 504
--- error_log
upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_PORT_1/t", host: "localhost"

=== TEST 3: set_timeouts keeps its values for the next attempt
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local b = require "ngx.balancer"
        local state, status = b.get_last_failure()
        ngx.log(ngx.ERR, "last: ", state, " ", status)
        if not state then
            b.set_more_tries(1)
            assert(b.set_timeouts(nil, nil, 0.2))
        end
        assert(b.set_current_peer("127.0.0.1", $TEST_NGINX_PORT_1))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { echo_sleep 2; echo "slow"; } }
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- error_code: 504
--- error_log
last: nil nil
last: failed 504

=== TEST 4: set_timeouts checks its arguments as resty.core does
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local b = require "ngx.balancer"
        ngx.log(ngx.ERR, "1: ", select(2, pcall(b.set_timeouts, -1)))
        ngx.log(ngx.ERR, "2: ", select(2, pcall(b.set_timeouts, 1, "1")))
        ngx.log(ngx.ERR, "3: ", select(2, pcall(b.set_timeouts, nil, nil, 0)))
        ngx.log(ngx.ERR, "4: ", select(2, pcall(b.set_timeouts, false, nil, {})))
        ngx.log(ngx.ERR, "5: ", tostring(b.set_timeouts()))
        assert(b.set_current_peer("127.0.0.1", $TEST_NGINX_PORT_1))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "ok\n"; } }
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- response_body
ok
--- error_log
1: bad connect timeout while connecting to upstream
2: bad send timeout while connecting to upstream
3: bad read timeout while connecting to upstream
4: bad read timeout while connecting to upstream
5: true while connecting to upstream

=== TEST 5: a bad timeout called directly fails the balancer at the caller's line: 500
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        require("ngx.balancer").set_timeouts(1, 1, -5)
    }
}
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- error_code: 500
--- error_log
failed to run balancer_by_lua*: balancer_by_lua(nginx.conf:13):2: bad read timeout
in main chunk while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"

=== TEST 6: set_timeouts and recreate_request outside balancer_by_lua: "no upstream found"
--- config
location /t {
    content_by_lua_block {
        local b = require "ngx.balancer"
        ngx.say(b.set_timeouts(1, 1, 1))
        ngx.say(b.recreate_request())
        ngx.say(pcall(b.set_timeouts, -1))
    }
}
--- request
GET /t
--- response_body
falseno upstream found
nilno upstream found
falsebad connect timeout

=== TEST 7: recreate_request builds the upstream request again from the changed variables
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local b = require "ngx.balancer"
        ngx.var.val = "changed"
        if ngx.var.arg_recreate then assert(b.recreate_request()) end
        assert(b.set_current_peer("127.0.0.1", $TEST_NGINX_PORT_1))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "val=$http_x_val\n"; } }
--- config
location /t { set $val "orig"; proxy_set_header X-Val $val; proxy_pass http://u; }
--- requests
GET /t
GET /t?recreate=1
--- response_bodies
val=orig
val=changed

=== TEST 8: the balancer's log lines end as nginx's do while connecting
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        ngx.log(ngx.WARN, "picking a peer")
        assert(require("ngx.balancer").set_current_peer("127.0.0.1", $TEST_NGINX_PORT_1))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "ok\n"; } }
--- config
location /t { proxy_pass http://u; }
--- request
GET /t
--- response_body
ok
--- error_log
[warn]
[lua] balancer_by_lua(nginx.conf:13):2: picking a peer while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"

=== TEST 9: a retry's balancer lines name the upstream of the attempt that failed
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        local b = require "ngx.balancer"
        local state = b.get_last_failure()
        ngx.log(ngx.ERR, "attempt after ", state)
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
attempt after nil while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_PORT_3/t", host: "localhost"
attempt after failed while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_PORT_3/t", host: "localhost"

=== TEST 10: ngx.var is writable in balancer_by_lua
--- http_config
upstream u {
    server 0.0.0.1;
    balancer_by_lua_block {
        ngx.var.picked = "yes"
        assert(require("ngx.balancer").set_current_peer("127.0.0.1", $TEST_NGINX_PORT_1))
    }
}
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "ok\n"; } }
log_format picked '$request picked=$picked';
--- config
set $picked "no";
location /t { access_log logs/access.log picked; proxy_pass http://u; }
--- request
GET /t
--- response_body
ok
--- access_log
GET /t HTTP/1.1 picked=yes
