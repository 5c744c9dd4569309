# ngx.shared from lua_shared_dict: one dictionary per name shared by every worker's state, the
# methods as lua-resty-core's shdict shows them (values, flags, errors, forcible, ttl with short
# sleeps), the dictionary visible from init_by_lua and init_worker_by_lua, and totals across workers.

=== TEST 1: set and get, the value types and flags
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    ngx.say(d:set("s", "str", 0, 7))
    ngx.say(d:set("n", 3.5))
    ngx.say(d:set("b", true))
    ngx.say(d:set("f", false))
    ngx.say(d:get("s"))
    ngx.say(d:get("n"), " ", type(d:get("n")))
    ngx.say(d:get("b"), " ", d:get("f"))
    ngx.say(d:get("missing"))
} }
--- request
GET /t
--- response_body
truenilfalse
truenilfalse
truenilfalse
truenilfalse
str7
3.5 number
true false
nil

=== TEST 2: ngx.shared lists only declared names
--- http_config
lua_shared_dict one 1m;
lua_shared_dict two 64k;
--- config
location /t { content_by_lua_block {
    ngx.say(type(ngx.shared.one), " ", type(ngx.shared.two), " ", type(ngx.shared.three))
    ngx.say(ngx.shared.one:capacity(), " ", ngx.shared.two:capacity())
} }
--- request
GET /t
--- response_body
table table nil
1048576 65536

=== TEST 3: ngx.shared with no dictionaries declared is an empty table
--- config
location /t { content_by_lua_block { ngx.say(type(ngx.shared), " ", next(ngx.shared)) } }
--- request
GET /t
--- response_body
table nil

=== TEST 4: values survive across requests
--- http_config
lua_shared_dict d 1m;
--- config
location /set { content_by_lua_block { ngx.shared.d:set("k", ngx.var.arg_v) ngx.say("ok") } }
location /get { content_by_lua_block { ngx.say(ngx.shared.d:get("k")) } }
--- requests
GET /set?v=hello
GET /get
--- response_bodies
ok
hello

=== TEST 5: add, replace, safe_add
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    ngx.say(d:add("k", 1))
    ngx.say(d:add("k", 2))
    ngx.say(d:replace("k", 3))
    ngx.say(d:replace("none", 3))
    ngx.say(d:safe_add("k", 4))
    ngx.say(d:safe_add("k2", 5))
    ngx.say(d:get("k"), " ", d:get("k2"))
} }
--- request
GET /t
--- response_body
truenilfalse
falseexistsfalse
truenilfalse
falsenot foundfalse
falseexistsfalse
truenilfalse
3 5

=== TEST 6: incr with and without init
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    ngx.say(d:incr("c", 1))
    ngx.say(d:incr("c", 1, 10))
    ngx.say(d:incr("c", 5))
    ngx.say(d:incr("c", -2.5))
    d:set("s", "x")
    ngx.say(d:incr("s", 1))
} }
--- request
GET /t
--- response_body
nilnot found
11nilfalse
16
13.5
nilnot a number

=== TEST 7: delete and flush_all
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    d:set("a", 1) d:set("b", 2)
    d:delete("a")
    ngx.say(d:get("a"), " ", d:get("b"))
    d:flush_all()
    ngx.say(d:get("b"), " ", #d:get_keys())
} }
--- request
GET /t
--- response_body
nil 2
nil 0

=== TEST 8: lists
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    ngx.say(d:lpush("l", "a"))
    ngx.say(d:rpush("l", "b"))
    ngx.say(d:lpush("l", 3))
    ngx.say(d:llen("l"))
    ngx.say(d:lpop("l"), " ", d:rpop("l"), " ", d:lpop("l"), " ", d:lpop("l"))
    d:set("s", 1)
    ngx.say(d:lpush("s", 1))
    ngx.say(d:llen("s"))
    ngx.say(d:llen("none"))
} }
--- request
GET /t
--- response_body
1
2
3
3
3 b a nil
nilvalue not a list
nilvalue not a list
0

=== TEST 9: get_keys with a limit
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    for i = 1, 5 do d:set("k" .. i, i) end
    ngx.say(#d:get_keys(), " ", #d:get_keys(2), " ", #d:get_keys(0))
} }
--- request
GET /t
--- response_body
5 2 5

=== TEST 10: ttl and expire with a short sleep
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    d:set("k", "v", 0.1)
    local ttl = d:ttl("k")
    ngx.say(ttl > 0 and ttl <= 0.1)
    ngx.say(d:ttl("none"))
    d:set("p", "v")
    ngx.say(d:ttl("p"))
    ngx.sleep(0.2)
    ngx.say(d:get("k"))
    ngx.say(d:get_stale("k"))
    ngx.say(d:expire("p", 0.05))
    ngx.say(d:expire("none", 1))
    ngx.sleep(0.1)
    ngx.say(d:get("p"))
} }
--- request
GET /t
--- response_body
true
nilnot found
0
nil
nil
true
nilnot found
nil

=== TEST 11: flush_expired
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    d:set("a", 1, 0.01) d:set("b", 2, 0.01) d:set("c", 3)
    ngx.sleep(0.05)
    ngx.say(d:flush_expired())
    ngx.say(d:flush_expired())
    ngx.say(#d:get_keys())
} }
--- request
GET /t
--- response_body
2
0
1

=== TEST 12: incr with init_ttl
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    ngx.say(d:incr("c", 1, 0, 0.05))
    ngx.sleep(0.1)
    ngx.say(d:get("c"))
} }
--- request
GET /t
--- response_body
1nilfalse
nil

=== TEST 13: bad key and bad value errors
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    ngx.say(d:set(nil, 1))
    ngx.say(d:set("", 1))
    ngx.say(pcall(d.set, d, "k", {}))
    ngx.say(d:get(""))
    ngx.say(pcall(d.get, d, nil))
} }
--- request
GET /t
--- response_body
nilnil key
nilempty key
truenilbad value type
nilempty key
truenilnil key

=== TEST 14: a method called with a dot fails with bad "zone" argument
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block { ngx.say(pcall(ngx.shared.d.get, "k")) } }
--- request
GET /t
--- response_body_like
^falsebad "zone" argument$

=== TEST 15: a key longer than 65535 bytes
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    ngx.say(d:set(string.rep("k", 65536), 1))
    ngx.say(d:get(string.rep("k", 65536)))
} }
--- request
GET /t
--- response_body
nilkey too long
nilkey too long

=== TEST 16: filling a dictionary evicts the least recently used entries with forcible
--- http_config
lua_shared_dict d 1m;
lua_shared_dict s 12k;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    local first
    for i = 1, 20000 do
        local ok, err, forcible = d:set("key" .. i, string.rep("v", 100))
        if not ok then ngx.say("failed ", err) break end
        if forcible and not first then first = i end
    end
    ngx.say(first, " ", d:get("key1"), " ", d:get("key20000") ~= nil)
    local s = ngx.shared.s
    for i = 1, 200 do
        local ok, err, forcible = s:set("key" .. i, string.rep("v", 10))
        if forcible then ngx.say("forcible at ", i) break end
    end
} }
--- request
GET /t
--- response_body
4033 nil true
forcible at 32

=== TEST 17: safe_set does not evict, a too-large value fails
--- http_config
lua_shared_dict d 12k;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    for i = 1, 200 do
        local ok, err = d:safe_set("key" .. i, string.rep("v", 100))
        if not ok then ngx.say("stopped: ", err) break end
    end
    ngx.say(d:get("key1") ~= nil)
    ngx.say(d:set("big", string.rep("v", 100000)))
} }
--- request
GET /t
--- response_body
stopped: no memory
false
falseno memoryfalse

=== TEST 18: the dictionary is usable from init_by_lua and init_worker_by_lua
--- http_config
lua_shared_dict d 1m;
init_by_lua_block { ngx.shared.d:set("init", "yes") }
init_worker_by_lua_block { ngx.shared.d:incr("workers", 1, 0) }
--- config
location /t { content_by_lua_block { ngx.say(ngx.shared.d:get("init"), " ", ngx.shared.d:get("workers")) } }
--- request
GET /t
--- response_body
yes 1

=== TEST 19: free_space and capacity
--- http_config
lua_shared_dict d 64k;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    local before = d:free_space()
    ngx.say(d:capacity(), " ", before > 0 and before <= 65536)
} }
--- request
GET /t
--- response_body
65536 true

=== TEST 20: two dictionaries are separate
--- http_config
lua_shared_dict a 1m;
lua_shared_dict b 1m;
--- config
location /t { content_by_lua_block {
    ngx.shared.a:set("k", "in a")
    ngx.say(ngx.shared.a:get("k"), " ", ngx.shared.b:get("k"))
} }
--- request
GET /t
--- response_body
in a nil

=== TEST 21: numbers as keys go through tostring
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    d:set(12, "twelve")
    ngx.say(d:get("12"), " ", d:get(12))
} }
--- request
GET /t
--- response_body
twelve twelve

=== TEST 22: a binary value with zero bytes comes back whole
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    d:set("k", "a\0b\255")
    local v = d:get("k")
    ngx.say(#v, " ", v:byte(2), " ", v:byte(4))
} }
--- request
GET /t
--- response_body
4 0 255

=== TEST 23: lpop on an empty list removes the key
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    d:rpush("l", 1)
    d:lpop("l")
    ngx.say(d:lpop("l"), " ", d:llen("l"), " ", d:add("l", "x"))
} }
--- request
GET /t
--- response_body
nil 0 truenilfalse

=== TEST 24: list methods check their argument count
--- http_config
lua_shared_dict d 1m;
--- config
location /t { content_by_lua_block {
    local d = ngx.shared.d
    ngx.say(pcall(d.lpush, d, "l"))
} }
--- request
GET /t
--- response_body_like
^falseexpecting 3 arguments, but only seen 2$

=== TEST 25: sequential requests over two workers keep exact totals
--- full_config
daemon off; master_process off; worker_processes 2; error_log logs/error.log info; pid logs/nginx.pid;
events {}
http {
    lua_shared_dict d 1m;
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        location /hit { content_by_lua_block {
            local d = ngx.shared.d
            for i = 1, 1000 do d:incr("n", 1, 0) end
            d:add("w" .. ngx.worker.id(), true)
            d:set("last", ngx.var.arg_i)
            ngx.say("ok")
        } }
        location /total { content_by_lua_block { ngx.say(ngx.shared.d:get("n"), " ", ngx.shared.d:get("last")) } }
    }
}
--- requests
GET /hit?i=1
GET /hit?i=2
GET /hit?i=3
GET /hit?i=4
GET /hit?i=5
GET /hit?i=6
GET /total
--- response_bodies
ok
ok
ok
ok
ok
ok
6000 6
