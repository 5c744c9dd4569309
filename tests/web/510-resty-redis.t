# Debian's lua-resty-redis (nginx.redis), unmodified, against a real redis-server
# ($TEST_NGINX_REDIS_PORT, started once per test run by the harness).

=== TEST 1: connect, set, get, a missing key is ngx.null
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        local red = redis:new()
        red:set_timeout(1000)
        local ok, err = red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT)
        ngx.say("connect: ", ok, " ", err)
        ngx.say("set: ", red:set("t510:1", "an animal"))
        ngx.say("get: ", red:get("t510:1"))
        local v = red:get("t510:missing")
        ngx.say("missing is null: ", v == ngx.null)
        ngx.say("del: ", red:del("t510:1"))
        red:close()
    }
}
--- request
GET /t
--- response_body
connect: 1 nil
set: OK
get: an animal
missing is null: true
del: 1

=== TEST 2: pipelining
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        local red = redis:new()
        assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        red:init_pipeline()
        red:set("t510:p1", "one")
        red:set("t510:p2", "two")
        red:get("t510:p1")
        red:get("t510:p2")
        red:del("t510:p1", "t510:p2")
        local results, err = red:commit_pipeline()
        for i, r in ipairs(results) do ngx.say(i, ": ", r) end
        red:close()
    }
}
--- request
GET /t
--- response_body
1: OK
2: OK
3: one
4: two
5: 2

=== TEST 3: keepalive pool reuse, counted by getreusedtimes
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        for i = 1, 3 do
            local red = redis:new()
            assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
            ngx.say("reused: ", red:get_reused_times())
            ngx.say(red:ping())
            ngx.say("keepalive: ", red:set_keepalive(10000, 10))
        end
    }
}
--- request
GET /t
--- response_body
reused: 0
PONG
keepalive: 1
reused: 1
PONG
keepalive: 1
reused: 2
PONG
keepalive: 1

=== TEST 4: incr, lists and hashes
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        local red = redis:new()
        assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        red:del("t510:n", "t510:l", "t510:h")
        ngx.say(red:incr("t510:n"), " ", red:incr("t510:n"))
        red:rpush("t510:l", "a", "b", "c")
        ngx.say(table.concat(red:lrange("t510:l", 0, -1), ","))
        red:hmset("t510:h", "f1", "v1", "f2", "v2")
        ngx.say(red:hget("t510:h", "f2"))
        local res, err = red:hget("t510:l", "x")
        ngx.say(res, " ", err)
        red:del("t510:n", "t510:l", "t510:h")
        red:close()
    }
}
--- request
GET /t
--- response_body
1 2
a,b,c
v2
false WRONGTYPE Operation against a key holding the wrong kind of value

=== TEST 5: publish and subscribe over two connections
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        local sub = redis:new()
        assert(sub:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        local res = sub:subscribe("t510:chan")
        ngx.say("subscribe: ", table.concat(res, " "))
        local pub = redis:new()
        assert(pub:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        ngx.say("publish: ", pub:publish("t510:chan", "hello"))
        local msg = sub:read_reply()
        ngx.say("got: ", table.concat(msg, " "))
        sub:set_timeout(100)
        ngx.say("nothing: ", sub:read_reply())
        sub:unsubscribe("t510:chan")
        sub:close()
        pub:close()
    }
}
--- request
GET /t
--- response_body
subscribe: subscribe t510:chan 1
publish: 1
got: message t510:chan hello
nothing: niltimeout

=== TEST 6: a command that blocks past the timeout returns "timeout"
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
lua_socket_log_errors off;
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        local red = redis:new()
        red:set_timeout(100)
        assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        ngx.say(red:blpop("t510:empty", 1))
    }
}
--- request
GET /t
--- response_body
niltimeout

=== TEST 7: a refused redis connection
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        local red = redis:new()
        ngx.say(red:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(red:get("x"))
    }
}
--- request
GET /t
--- response_body
nilconnection refused
nilclosed

=== TEST 8: pool reuse across requests (a pool named by option)
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        local red = redis:new()
        assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT, { pool = "mypool" }))
        ngx.say(red:get_reused_times())
        red:set_keepalive(10000, 5)
    }
}
--- requests
GET /t
GET /t
--- response_bodies
0
1
