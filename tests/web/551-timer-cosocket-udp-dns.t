# UDP cosockets and Debian's lua-resty-dns (nginx.dns.resolver, unmodified) in timer callbacks,
# against the scripted UDP peer ($TEST_NGINX_UDP_PORT) and DNS server ($TEST_NGINX_DNS_PORT). The
# timer's results go into a shared dict that the request polls.

=== TEST 1: setpeername, send, receive and close in a timer
--- udp_backend
recv
echo
--- http_config
lua_shared_dict r 1m;
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local out = {}
            local u = ngx.socket.udp()
            out[#out + 1] = "peer: " .. tostring(u:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
            out[#out + 1] = "send: " .. tostring(u:send("from timer"))
            out[#out + 1] = "receive: " .. tostring(u:receive())
            out[#out + 1] = "close: " .. tostring(u:close())
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
peer: 1
send: 1
receive: echo:from timer
close: 1
--- udp_backend_received
from timer

=== TEST 2: a UDP read in a timer times out after the creating location's lua_socket_read_timeout, logged in the timer's context
--- udp_backend
recv
--- http_config
lua_shared_dict r 1m;
lua_socket_read_timeout 30s;
--- config
location /t {
    lua_socket_read_timeout 150ms;
    content_by_lua_block {
        ngx.timer.at(0, function()
            local u = ngx.socket.udp()
            assert(u:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
            u:send("x")
            local t = ngx.now()
            local d, err = u:receive()
            ngx.update_time()
            ngx.shared.r:set("out", tostring(d) .. " " .. tostring(err) .. " " .. tostring(ngx.now() - t < 2))
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
nil timeout true
--- error_log
lua udp socket read timed out, context: ngx.timer, client: 127.0.0.1, server: 127.0.0.1:$TEST_NGINX_SERVER_PORT

=== TEST 3: setpeername with a name goes through the creating location's resolver
--- dns
peer.t551.test A 127.0.0.1
--- udp_backend
recv
echo
--- http_config
lua_shared_dict r 1m;
--- config
location /t {
    resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
    content_by_lua_block {
        ngx.timer.at(0, function()
            local u = ngx.socket.udp()
            local ok, err = u:setpeername("peer.t551.test", $TEST_NGINX_UDP_PORT)
            u:send("named")
            ngx.shared.r:set("out", tostring(ok) .. " " .. tostring(err) .. " " .. tostring(u:receive()))
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
1 nil echo:named
--- dns_queries
peer.t551.test A

=== TEST 4: a UDP object of a running timer is refused to the request ("bad request"); once the timer ended its socket is closed
--- udp_backend
recv
--- http_config
lua_shared_dict r 1m;
--- config
location /t {
    content_by_lua_block {
        local holder = {}
        ngx.timer.at(0, function()
            local u = ngx.socket.udp()
            assert(u:setpeername("127.0.0.1", $TEST_NGINX_UDP_PORT))
            holder.u = u
            ngx.shared.r:set("made", true)
            ngx.sleep(0.3)
            ngx.shared.r:set("over", true)
        end)
        for i = 1, 300 do
            if ngx.shared.r:get("made") then break end
            ngx.sleep(0.01)
        end
        ngx.say("running: ", pcall(holder.u.send, holder.u, "x"))
        for i = 1, 300 do
            if ngx.shared.r:get("over") then break end
            ngx.sleep(0.01)
        end
        ngx.sleep(0.05)
        ngx.say("ended: ", pcall(holder.u.send, holder.u, "x"))
    }
}
--- request
GET /t
--- response_body
running: falsebad request
ended: truenilclosed
--- error_log
attempt to send data on a closed socket

=== TEST 5: lua-resty-dns queries from a timer made in init_worker_by_lua
--- dns
a.t551.test A 127.0.0.1 ttl=60
a.t551.test A 127.0.0.2 ttl=60
--- http_config
lua_shared_dict r 1m;
lua_package_path "/usr/share/lua/5.1/?.lua;;";
init_worker_by_lua_block {
    ngx.timer.at(0, function()
        local resolver = require "nginx.dns.resolver"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.shared.r:set("out", "new: " .. err) return end
        local answers, err = r:query("a.t551.test")
        if not answers then ngx.shared.r:set("out", "query: " .. err) return end
        local list = {}
        for _, a in ipairs(answers) do list[#list + 1] = a.name .. " " .. a.address .. " " .. a.ttl end
        ngx.shared.r:set("out", table.concat(list, "\n"))
    end)
}
--- config
location /t {
    content_by_lua_block {
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
a.t551.test 127.0.0.1 60
a.t551.test 127.0.0.2 60
--- dns_queries
a.t551.test A

=== TEST 6: lua-resty-dns over TCP (tcp_query) from a timer a request made
--- dns
b.t551.test A 127.0.0.9 ttl=30
--- http_config
lua_shared_dict r 1m;
lua_package_path "/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        ngx.timer.at(0, function()
            local resolver = require "nginx.dns.resolver"
            local r = assert(resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, timeout = 1000 })
            local answers, err = r:tcp_query("b.t551.test")
            if not answers then ngx.shared.r:set("out", "query: " .. err) return end
            ngx.shared.r:set("out", answers[1].address .. " " .. answers[1].ttl)
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
127.0.0.9 30
