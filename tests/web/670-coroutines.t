# coroutine.* inside handlers as ngx_lua wraps them: a coroutine the handler made may park (ngx.sleep,
# ngx.thread.wait, a semaphore) and is resumed later through every resume above it; yields keep
# going to the resumer; errors in coroutine.wrap'd functions abort the thread, even under pcall.

=== TEST 1: ngx.sleep inside a user coroutine, then a plain yield to the resumer
--- config
location /t { content_by_lua_block {
    local co = coroutine.create(function(a)
        ngx.say("in co ", a, " ", coroutine.status(coroutine.running()))
        ngx.sleep(0.01)
        local b = coroutine.yield(1, 2)
        ngx.say("got ", b)
        ngx.sleep(0.01)
        return "done"
    end)
    ngx.say(coroutine.resume(co, "x"))
    ngx.say(coroutine.status(co))
    ngx.say(coroutine.resume(co, "y"))
    ngx.say(coroutine.status(co))
    ngx.say(coroutine.resume(co))
} }
--- request
GET /t
--- response_body
in co x running
true12
suspended
got y
truedone
dead
falsecannot resume dead coroutine

=== TEST 2: a coroutine.wrap generator that sleeps between items
--- config
location /t { content_by_lua_block {
    local gen = coroutine.wrap(function() for i = 1, 3 do ngx.sleep(0.001) coroutine.yield(i) end end)
    ngx.say(gen(), gen(), gen())
    local w5 = coroutine.wrap(function() return 1 end)
    ngx.say(w5())
    ngx.say(pcall(w5))
    ngx.say(w5())
} }
--- request
GET /t
--- response_body
123
1
truefalsecannot resume dead coroutine
falsecannot resume dead coroutine

=== TEST 3: a yield across pcall inside a user coroutine, and the parent seen as normal before and after a park
--- config
location /t { content_by_lua_block {
    local co = coroutine.create(function()
        local ok, err = pcall(function() ngx.sleep(0.001) coroutine.yield("in pcall") error("E") end)
        ngx.say("pcall: ", ok, " ", err)
        return "end"
    end)
    ngx.say(coroutine.resume(co))
    ngx.say(coroutine.resume(co))
    local parent = coroutine.running()
    local co2 = coroutine.create(function()
        ngx.say("parent status ", coroutine.status(parent))
        ngx.sleep(0.001)
        ngx.say("parent status ", coroutine.status(parent))
    end)
    coroutine.resume(co2)
    ngx.say(coroutine.resume(co2))
    ngx.say(coroutine.resume(coroutine.running()))
    ngx.say(type(coroutine.running()))
} }
--- request
GET /t
--- response_body
truein pcall
pcall: false content_by_lua(nginx.conf:15):3: E
trueend
parent status normal
parent status normal
falsecannot resume dead coroutine
falsecannot resume running coroutine
thread

=== TEST 4: argument errors of the wrapped functions, and the table's keys (no isyieldable)
--- config
location /t { content_by_lua_block {
    ngx.say(pcall(coroutine.resume, 1))
    ngx.say(pcall(coroutine.create, 1))
    ngx.say(pcall(coroutine.wrap, 1))
    ngx.say(pcall(coroutine.status, 1))
    local keys = {}
    for k in pairs(coroutine) do if k:sub(1, 1) ~= "_" then keys[#keys + 1] = k end end
    table.sort(keys)
    ngx.say(table.concat(keys, " "))
} }
--- request
GET /t
--- response_body
falsebad argument #1 to '?' (coroutine expected)
falsebad argument #1 to '?' (Lua function expected)
falsebad argument #1 to '?' (Lua function expected)
falsebad argument #1 to '?' (coroutine expected)
create resume running status wrap yield

=== TEST 5: an error after a park inside a user coroutine comes back from resume
--- config
location /t { content_by_lua_block {
    local co = coroutine.create(function() ngx.sleep(0.001) error("boom") end)
    ngx.say(coroutine.resume(co))
    co = coroutine.create(function() ngx.sleep(0.001) local x = nil; return x.y end)
    ngx.say(coroutine.resume(co))
} }
--- request
GET /t
--- response_body
falsecontent_by_lua(nginx.conf:15):2: boom
falsecontent_by_lua(nginx.conf:15):4: attempt to index local 'x' (a nil value)

=== TEST 6: an error in a coroutine.wrap'd function aborts the entry thread, past pcall
--- config
location /t { content_by_lua_block {
    local w = coroutine.wrap(function() ngx.sleep(0.001) error("boom") end)
    ngx.say(pcall(w))
} }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):2: boom

=== TEST 7: the same without a park
--- config
location /t { content_by_lua_block {
    local w = coroutine.wrap(function() error("boom2") end)
    local ok = pcall(w)
    ngx.say("not reached ", ok)
} }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):2: boom2
--- no_error_log
not reached

=== TEST 8: ngx.exit inside a user coroutine ends the request
--- config
location /t { content_by_lua_block {
    local co = coroutine.create(function() ngx.sleep(0.001) ngx.exit(403) end)
    local ok = coroutine.resume(co)
    ngx.log(ngx.ERR, "not reached ", ok)
} }
--- request
GET /t
--- error_code: 403
--- no_error_log
not reached

=== TEST 9: coroutines disabled in set, log and init_worker; standard ones in header filters and init_by_lua
--- http_config
init_by_lua_block { local co = coroutine.create(function() coroutine.yield(5) end) INIT_RESULT = select(2, coroutine.resume(co)) }
init_worker_by_lua_block { local ok, err = pcall(coroutine.create, function() end) ngx.log(ngx.ERR, "IW ", ok, " ", err) }
--- config
location /t {
    set_by_lua_block $x { local ok, e = pcall(coroutine.create, function() end) return tostring(ok) .. " " .. e }
    header_filter_by_lua_block { local co = coroutine.create(function() coroutine.yield(1) end) ngx.header.X = tostring(select(2, coroutine.resume(co))) }
    content_by_lua_block { ngx.say(ngx.var.x, " ", INIT_RESULT) }
    log_by_lua_block {
        ngx.log(ngx.ERR, "L1 ", pcall(coroutine.yield))
        ngx.log(ngx.ERR, "L2 ", pcall(coroutine.create, function() end))
        ngx.log(ngx.ERR, "L3 ", pcall(coroutine.resume, coroutine.running()))
        ngx.log(ngx.ERR, "L4 ", pcall(coroutine.wrap, function() end))
    }
}
--- request
GET /t
--- response_headers
X: 1
--- response_body
false API disabled in the context of set_by_lua* 5
--- error_log
IW false API disabled in the context of init_worker_by_lua*
L1 falseAPI disabled in the context of log_by_lua*
L2 falseAPI disabled in the context of log_by_lua*
L3 falsebad argument #1 to '?' (coroutine expected)
L4 falseAPI disabled in the context of log_by_lua*
