# ngx_lua keeps finished entry coroutines and starts the next handler in one of them: on nginx
# coroutine.running() in consecutive handlers (of one request, or of the next ones) is the same
# coroutine, also when Lua code kept it. tidegate does the same (and allocates no coroutine per
# request); a coroutine given state of its own (setfenv(0)) is not reused, so none leaks.

=== TEST 1: an entry coroutine kept by Lua code is the next handlers' coroutine too
--- config
location /t { content_by_lua_block {
    local held = package.loaded.held_entry_threads or {}
    package.loaded.held_entry_threads = held
    local me = coroutine.running()
    local prev = held[#held]
    held[#held + 1] = me
    ngx.say(#held, " ", prev and coroutine.status(prev) or "none", " ", prev == me, " ", coroutine.status(me))
} }
location /plain { content_by_lua_block { ngx.say("plain ", 1 + 1) } }
--- requests
GET /t
GET /plain
GET /plain
GET /t
GET /plain
GET /t
--- response_bodies
1 none false running
plain 2
plain 2
2 running true running
plain 2
3 running true running

=== TEST 2: setfenv(0) in one handler does not reach the next handler's coroutine
--- config
location /a { content_by_lua_block {
    setfenv(0, setmetatable({ marker = "from a" }, { __index = _G }))
    ngx.say("a ", tostring(getfenv(0).marker))
} }
location /b { content_by_lua_block { ngx.say("b ", tostring(getfenv(0).marker)) } }
--- requests
GET /b
GET /a
GET /b
GET /a
GET /b
--- response_bodies
b nil
a from a
b nil
a from a
b nil

=== TEST 3: rewrite, access and content handlers of one request run in the same coroutine
--- config
location /t {
    rewrite_by_lua_block { ngx.ctx.r = tostring(coroutine.running()) }
    access_by_lua_block { ngx.ctx.a = tostring(coroutine.running()) }
    content_by_lua_block {
        local c = tostring(coroutine.running())
        ngx.say(ngx.ctx.r ~= ngx.ctx.a, " ", ngx.ctx.a ~= c, " ", ngx.ctx.r ~= c)
    }
}
--- requests
GET /t
GET /t
--- response_bodies
false false false
false false false

=== TEST 4: coroutine.create never returns a coroutine Lua code already holds
--- config
location /t { content_by_lua_block {
    local held = package.loaded.held_entry_threads2 or {}
    package.loaded.held_entry_threads2 = held
    held[coroutine.running()] = true
    local co = coroutine.create(function() return 1 end)
    ngx.say(held[co] == nil, " ", coroutine.status(co))
} }
--- requests
GET /t
GET /t
GET /t
--- response_bodies
true suspended
true suspended
true suspended
