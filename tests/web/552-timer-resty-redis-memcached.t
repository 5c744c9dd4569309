# Debian's lua-resty-redis (nginx.redis) and lua-resty-memcached (nginx.memcached), unmodified,
# from timer callbacks against the real servers ($TEST_NGINX_REDIS_PORT, each server's own
# memcached on $TEST_NGINX_OWN_MEMCACHED_PORT): the timer writes what it got into a shared dict
# that a later request reads; the keepalive pool is shared with requests.

=== TEST 1: redis set/get/pipeline from a timer, read back by the request
--- http_config
lua_shared_dict r 1m;
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local redis = require "nginx.redis"
            local red = redis:new()
            red:set_timeout(1000)
            local ok, err = red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT)
            if not ok then ngx.shared.r:set("out", "connect: " .. err) return end
            red:set("t552:a", "from a timer")
            red:init_pipeline()
            red:incr("t552:n")
            red:incr("t552:n")
            red:get("t552:a")
            red:del("t552:n", "t552:a")
            local results = red:commit_pipeline()
            ngx.shared.r:set("out", table.concat({ results[1], results[2], results[3], results[4] }, " "))
            ngx.shared.r:set("keepalive", tostring(red:set_keepalive(10000, 10)))
        end)
        for i = 1, 300 do
            local v = ngx.shared.r:get("out")
            if v then ngx.say(v) break end
            ngx.sleep(0.01)
        end
        ngx.sleep(0.05)
        ngx.say("timer keepalive: ", ngx.shared.r:get("keepalive"))
        local redis = require "nginx.redis"
        local red = redis:new()
        assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        ngx.say("request reused: ", red:get_reused_times())
        red:close()
    }
}
--- request
GET /t
--- response_body
1 2 from a timer 2
timer keepalive: 1
request reused: 1

=== TEST 2: a timer made in init_worker_by_lua fills a dict from redis; a later request reads it
--- http_config
lua_shared_dict r 1m;
lua_package_path "/usr/share/lua/5.1/?.lua;;";
init_worker_by_lua_block {
    ngx.timer.at(0, function()
        local redis = require "nginx.redis"
        local red = redis:new()
        red:set_timeout(1000)
        assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        red:del("t552:list")
        red:rpush("t552:list", "x", "y", "z")
        local items = red:lrange("t552:list", 0, -1)
        red:del("t552:list")
        ngx.shared.r:set("items", table.concat(items, ","))
        red:close()
    end)
}
--- config
location /t {
    content_by_lua_block {
        for i = 1, 300 do
            local v = ngx.shared.r:get("items")
            if v then ngx.say(v) return end
            ngx.sleep(0.01)
        end
    }
}
--- request
GET /t
--- response_body
x,y,z

=== TEST 3: a redis command blocking past the timer's timeout returns "timeout", logged in the timer's context
--- http_config
lua_shared_dict r 1m;
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local redis = require "nginx.redis"
            local red = redis:new()
            red:set_timeout(150)
            assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
            local res, err = red:blpop("t552:never", 5)
            ngx.shared.r:set("out", tostring(res) .. " " .. tostring(err))
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
--- error_log
lua tcp socket read timed out, context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 4: an every-timer counts into redis; the request reads the count
--- http_config
lua_shared_dict r 1m;
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local redis = require "nginx.redis"
        local red = redis:new()
        assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        red:del("t552:ticks")
        red:set_keepalive()
        ngx.timer.every(0.03, function()
            if ngx.shared.r:incr("runs", 1, 0) > 4 then return end
            local red = redis:new()
            assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
            local n = red:incr("t552:ticks")
            red:set_keepalive()
            if n == 4 then ngx.shared.r:set("done", true) end
        end)
        for i = 1, 300 do
            if ngx.shared.r:get("done") then break end
            ngx.sleep(0.01)
        end
        local red = redis:new()
        assert(red:connect("127.0.0.1", $TEST_NGINX_REDIS_PORT))
        ngx.say("ticks: ", red:get("t552:ticks"))
        ngx.say("pooled: ", red:get_reused_times() > 0)
        red:del("t552:ticks")
        red:close()
    }
}
--- request
GET /t
--- response_body
ticks: 4
pooled: true

=== TEST 5: memcached set/get/incr from a timer into a dict the request reads
--- http_config
lua_shared_dict r 1m;
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local memcached = require "nginx.memcached"
            local m = memcached:new()
            m:set_timeout(1000)
            local ok, err = m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT)
            if not ok then ngx.shared.r:set("out", "connect: " .. err) return end
            local out = {}
            out[#out + 1] = "set: " .. tostring(m:set("t552:a", "timer value"))
            local v, flags = m:get("t552:a")
            out[#out + 1] = "get: " .. tostring(v) .. " " .. tostring(flags)
            m:set("t552:n", 10)
            out[#out + 1] = "incr: " .. tostring(m:incr("t552:n", 5))
            m:delete("t552:a")
            m:delete("t552:n")
            out[#out + 1] = "keepalive: " .. tostring(m:set_keepalive(10000, 10))
            ngx.shared.r:set("out", table.concat(out, "\n"))
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
set: 1
get: timer value 0
incr: 15
keepalive: 1

=== TEST 6: a refused memcached connection in a timer
--- http_config
lua_shared_dict r 1m;
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local memcached = require "nginx.memcached"
            local m = memcached:new()
            local ok, err = m:connect("127.0.0.1", $TEST_NGINX_PORT_1)
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
