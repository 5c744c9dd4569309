# Debian's lua-resty-memcached (nginx.memcached), unmodified, against a real memcached of each
# server's own ($TEST_NGINX_OWN_MEMCACHED_PORT: the cases of one server run one after the other,
# so flush_all disturbs nothing).

=== TEST 1: set, get, delete; a missing key is nil
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        ngx.say("set: ", m:set("t530:a", "first value"))
        ngx.say("get: ", m:get("t530:a"))
        ngx.say("delete: ", m:delete("t530:a"))
        local v, flags, err = m:get("t530:a")
        ngx.say("after delete: ", tostring(v), " ", tostring(flags), " ", tostring(err))
        m:close()
    }
}
--- request
GET /t
--- response_body
set: 1
get: first value0
delete: 1
after delete: nil nil nil


=== TEST 2: flags are stored and returned
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        assert(m:set("t530:f", "flagged", 0, 4242))
        local v, flags = m:get("t530:f")
        ngx.say(v, " ", flags, " ", type(flags))
        m:delete("t530:f")
    }
}
--- request
GET /t
--- response_body
flagged 4242 string


=== TEST 3: add stores only a new key: NOT_STORED otherwise
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:delete("t530:add")
        ngx.say(m:add("t530:add", "one"))
        ngx.say(m:add("t530:add", "two"))
        ngx.say(m:get("t530:add"))
    }
}
--- request
GET /t
--- response_body
1
nilNOT_STORED
one0


=== TEST 4: replace stores only an existing key
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:delete("t530:rep")
        ngx.say(m:replace("t530:rep", "x"))
        m:set("t530:rep", "old")
        ngx.say(m:replace("t530:rep", "new"))
        ngx.say(m:get("t530:rep"))
    }
}
--- request
GET /t
--- response_body
nilNOT_STORED
1
new0


=== TEST 5: append and prepend
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:delete("t530:ap")
        ngx.say(m:append("t530:ap", "x"))
        m:set("t530:ap", "middle")
        ngx.say(m:append("t530:ap", ">>"))
        ngx.say(m:prepend("t530:ap", "<<"))
        ngx.say(m:get("t530:ap"))
    }
}
--- request
GET /t
--- response_body
nilNOT_STORED
1
1
<<middle>>0


=== TEST 6: incr and decr: counting, the floor at zero, NOT_FOUND, a non-number
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:delete("t530:n")
        ngx.say(m:incr("t530:n", 1))
        m:set("t530:n", 10)
        ngx.say(m:incr("t530:n", 5))
        ngx.say(m:decr("t530:n", 3))
        ngx.say(m:decr("t530:n", 100))
        m:set("t530:n", "abc")
        ngx.say(m:incr("t530:n", 1))
        m:delete("t530:n")
    }
}
--- request
GET /t
--- response_body
nilNOT_FOUND
15
12
0
nilCLIENT_ERROR cannot increment or decrement non-numeric value


=== TEST 7: delete of a missing key is NOT_FOUND
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        ngx.say(m:delete("t530:never-set"))
    }
}
--- request
GET /t
--- response_body
nilNOT_FOUND


=== TEST 8: get with several keys returns a table of the keys found
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:set("t530:m1", "v1", 0, 1)
        m:set("t530:m2", "v2", 0, 2)
        m:delete("t530:m3")
        local res, err = m:get({"t530:m1", "t530:m2", "t530:m3"})
        ngx.say(type(res), " ", err)
        for _, k in ipairs({"t530:m1", "t530:m2", "t530:m3"}) do
            local r = res[k]
            ngx.say(k, ": ", r and (r[1] .. " flags " .. r[2]) or "missing")
        end
    }
}
--- request
GET /t
--- response_body
table nil
t530:m1: v1 flags 1
t530:m2: v2 flags 2
t530:m3: missing


=== TEST 9: gets and cas: the unique value guards the update
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:set("t530:cas", "v1")
        local v, flags, unique = m:gets("t530:cas")
        ngx.say(v, " ", flags, " ", type(unique))
        ngx.say("cas: ", m:cas("t530:cas", "v2", unique))
        ngx.say("stale cas: ", m:cas("t530:cas", "v3", unique))
        ngx.say(m:get("t530:cas"))
        m:delete("t530:cas")
        ngx.say("cas on a missing key: ", m:cas("t530:cas", "v4", unique))
    }
}
--- request
GET /t
--- response_body
v1 0 string
cas: 1
stale cas: nilEXISTS
v20
cas on a missing key: nilNOT_FOUND


=== TEST 10: gets with several keys
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:set("t530:g1", "a")
        m:set("t530:g2", "b")
        local res = m:gets({"t530:g1", "t530:g2", "t530:g3"})
        ngx.say(res["t530:g1"][1], " ", res["t530:g2"][1], " ", type(res["t530:g1"][3]), " ", tostring(res["t530:g3"]))
    }
}
--- request
GET /t
--- response_body
a b string nil


=== TEST 11: exptime: the key is gone after it
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:set("t530:exp", "short", 1)
        ngx.say(m:get("t530:exp"))
        ngx.sleep(2.1)
        ngx.say(tostring(m:get("t530:exp")))
    }
}
--- request
GET /t
--- response_body
short0
nil
--- timeout: 8

=== TEST 12: flush_all empties the server
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:set("t530:fl1", "x")
        m:set("t530:fl2", "y")
        ngx.say(m:flush_all())
        ngx.say(tostring(m:get("t530:fl1")), " ", tostring(m:get("t530:fl2")))
    }
}
--- request
GET /t
--- response_body
1
nil nil


=== TEST 13: stats and version
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        local lines = m:stats()
        local pid = 0
        for _, l in ipairs(lines) do if l:match("^STAT pid %d+$") then pid = pid + 1 end end
        ngx.say("stat lines: ", #lines > 20, ", pid lines: ", pid)
        local items = m:stats("settings")
        local found = false
        for _, l in ipairs(items) do if l:match("^STAT maxconns ") then found = true end end
        ngx.say("settings has maxconns: ", found)
        local v = m:version()
        ngx.say("version: ", v:match("^%d+%.%d+%.%d+") ~= nil)
    }
}
--- request
GET /t
--- response_body
stat lines: true, pid lines: 1
settings has maxconns: true
version: true


=== TEST 14: keepalive reuse within a request, counted by get_reused_times
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:set_keepalive(10000, 5)
        for i = 1, 3 do
            local c = memcached:new()
            assert(c:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
            ngx.say("reused: ", c:get_reused_times())
            ngx.say(c:set("t530:ka", i))
            ngx.say("keepalive: ", c:set_keepalive(10000, 5))
        end
    }
}
--- request
GET /t
--- response_body
reused: 1
1
keepalive: 1
reused: 2
1
keepalive: 1
reused: 3
1
keepalive: 1


=== TEST 15: values: a table is concatenated, numbers are strings, bytes pass unchanged
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:set("t530:tab", {"a", {"b", "c"}, 1})
        ngx.say(m:get("t530:tab"))
        m:set("t530:num", 3.5)
        ngx.say(m:get("t530:num"))
        local bin = "x\r\nEND\r\n\0y" .. string.rep("z", 100000)
        m:set("t530:bin", bin)
        local v = m:get("t530:bin")
        ngx.say(#v, " ", v == bin)
    }
}
--- request
GET /t
--- response_body
abc10
3.50
100010 true


=== TEST 16: a key with a space is escaped by the library; a key too long is the server's error
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        ngx.say(m:set("t530:bad key", "x"))
        ngx.say(m:set(string.rep("k", 251), "x"))
        ngx.say(m:get(string.rep("k", 251)))
    }
}
--- request
GET /t
--- response_body
1
nilCLIENT_ERROR bad command line format
nilnilERROR


=== TEST 17: touch, verbosity and quit
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        m:set_timeout(1000)
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT))
        m:set("t530:touch", "x")
        ngx.say(m:touch("t530:touch", 100))
        ngx.say(m:touch("t530:untouched-missing", 100))
        ngx.say(m:verbosity(1))
        ngx.say(m:quit())
    }
}
--- request
GET /t
--- response_body
1
nilNOT_FOUND
1
1


=== TEST 18: a refused connection
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local c = memcached:new()
        ngx.say(c:connect("127.0.0.1", $TEST_NGINX_PORT_1))
        ngx.say(c:get("x"))
    }
}
--- request
GET /t
--- response_body
nilconnection refused
nilnilclosed
--- error_log
connect() failed (111: Connection refused)

=== TEST 19: keepalive reuse across requests
--- http_config
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local memcached = require "nginx.memcached"
        local m = memcached:new()
        assert(m:connect("127.0.0.1", $TEST_NGINX_OWN_MEMCACHED_PORT, { pool = "t530-pool" }))
        ngx.say(m:get_reused_times(), " ", m:incr("t530:req", 1) or m:set("t530:req", 0) and "set")
        m:set_keepalive(10000, 5)
    }
}
--- requests
GET /t
GET /t
GET /t
--- response_bodies
0 set
1 1
2 2
