# The resolver directive against a scripted DNS server ($TEST_NGINX_DNS_PORT, see
# Harness/FakeDnsServer.cs): names in TCP and UDP cosocket connects and in proxy_pass with
# variables, nginx's error strings, caching (TTL, valid=, no negative caching), CNAMEs, TCP
# retry on truncation, ipv6=, resolver_timeout, and the directives' configuration errors.

=== TEST 1: a TCP cosocket connects to a name through the resolver
--- dns
a.test A 127.0.0.1
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend\n"; } }
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.tcp()
        ngx.say("connect: ", sock:connect("a.test", $TEST_NGINX_PORT_1))
        sock:send("GET / HTTP/1.0\r\nHost: a\r\n\r\n")
        local all = sock:receive("*a")
        ngx.print(string.match(all, "\r\n\r\n(.*)$"))
    }
}
--- request
GET /t
--- response_body
connect: 1
backend
--- dns_queries
a.test A

=== TEST 2: a UDP cosocket's setpeername resolves a name
--- dns
peer.test A 127.0.0.1
--- udp_backend
recv
echo
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(sock:setpeername("peer.test", $TEST_NGINX_UDP_PORT))
        sock:send("hi")
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
1
echo:hi
--- dns_queries
peer.test A

=== TEST 3: failures read as nginx words them, for TCP and UDP alike
--- dns
nx.test NXDOMAIN
fail.test SERVFAIL
refused.test REFUSED
mail.test MX 10 mx.test
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        for _, name in ipairs{"nx.test", "fail.test", "refused.test", "mail.test", "unknown.test", "127.1"} do
            ngx.say(ngx.socket.tcp():connect(name, 80))
            ngx.say(ngx.socket.udp():setpeername(name, 53))
        end
    }
}
--- request
GET /t
--- response_body
nilnx.test could not be resolved (3: Host not found)
nilnx.test could not be resolved (3: Host not found)
nilfail.test could not be resolved (2: Server failure)
nilfail.test could not be resolved (2: Server failure)
nilrefused.test could not be resolved (5: Operation refused)
nilrefused.test could not be resolved (5: Operation refused)
nilmail.test could not be resolved (3: Host not found)
nilmail.test could not be resolved (3: Host not found)
nilunknown.test could not be resolved (3: Host not found)
nilunknown.test could not be resolved (3: Host not found)
nil127.1 could not be resolved (3: Host not found)
nil127.1 could not be resolved (3: Host not found)

=== TEST 4: a server that never answers: resolver_timeout, then "(110: Operation timed out)"
--- dns
slow.test DROP
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
resolver_timeout 300ms;
--- config
location /t {
    content_by_lua_block {
        local start = ngx.now()
        ngx.say(ngx.socket.tcp():connect("slow.test", 80))
        ngx.update_time()
        local waited = ngx.now() - start
        ngx.say(waited >= 0.25 and waited < 2)
    }
}
--- request
GET /t
--- response_body
nilslow.test could not be resolved (110: Operation timed out)
true

=== TEST 5: answers are cached (any case, one trailing dot ignored); failures are not
--- dns
a.test A 127.0.0.1
nx.test NXDOMAIN
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        for _, name in ipairs{"a.test", "A.TEST", "a.test.", "nx.test", "nx.test"} do
            local sock = ngx.socket.udp()
            ngx.say(name, " ", sock:setpeername(name, 53))
        end
    }
}
--- request
GET /t
--- response_body
a.test 1
A.TEST 1
a.test. 1
nx.test nilnx.test could not be resolved (3: Host not found)
nx.test nilnx.test could not be resolved (3: Host not found)
--- dns_queries
a.test A
nx.test A
nx.test A

=== TEST 6: an answer is kept for its TTL, then asked again
--- dns
short.test A 127.0.0.1 ttl=1
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        ngx.say(ngx.socket.udp():setpeername("short.test", 53))
        ngx.say(ngx.socket.udp():setpeername("short.test", 53))
        ngx.sleep(2.1)
        ngx.say(ngx.socket.udp():setpeername("short.test", 53))
    }
}
--- request
GET /t
--- response_body
1
1
1
--- dns_queries
short.test A
short.test A
--- timeout: 6

=== TEST 7: valid= overrides the TTL
--- dns
short.test A 127.0.0.1 ttl=1
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off valid=30s;
--- config
location /t {
    content_by_lua_block {
        ngx.say(ngx.socket.udp():setpeername("short.test", 53))
        ngx.sleep(2.1)
        ngx.say(ngx.socket.udp():setpeername("short.test", 53))
    }
}
--- request
GET /t
--- response_body
1
1
--- dns_queries
short.test A
--- timeout: 6

=== TEST 8: ipv6 is on by default: A and AAAA are asked, and an IPv6-only name resolves
--- dns
v6.test AAAA ::1
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT;
--- config
location /t {
    content_by_lua_block {
        ngx.say(ngx.socket.tcp():connect("v6.test", $TEST_NGINX_PORT_2))
    }
}
--- request
GET /t
--- response_body
nilconnection refused
--- dns_queries
v6.test A
v6.test AAAA

=== TEST 9: with ipv6=off an IPv6-only name is not found
--- dns
v6.test AAAA ::1
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        ngx.say(ngx.socket.tcp():connect("v6.test", $TEST_NGINX_PORT_2))
    }
}
--- request
GET /t
--- response_body
nilv6.test could not be resolved (3: Host not found)
--- dns_queries
v6.test A

=== TEST 10: a CNAME chain in the answer is followed
--- dns
www.test CNAME web.test
web.test CNAME a.test
a.test A 127.0.0.1
--- udp_backend
recv
echo
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(sock:setpeername("www.test", $TEST_NGINX_UDP_PORT))
        sock:send("via cname")
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
1
echo:via cname
--- dns_queries
www.test A

=== TEST 11: a CNAME the server did not resolve is asked for itself; a CNAME loop is not found
--- dns
ext.test CNAME gone.test
loop1.test CNAME loop2.test
loop2.test CNAME loop1.test
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        ngx.say(ngx.socket.udp():setpeername("ext.test", 53))
        ngx.say(ngx.socket.udp():setpeername("loop1.test", 53))
    }
}
--- request
GET /t
--- response_body
nilext.test could not be resolved (3: Host not found)
nilloop1.test could not be resolved (3: Host not found)
--- dns_queries
ext.test A
gone.test A
loop1.test A

=== TEST 12: a truncated UDP answer is asked again over TCP
--- dns
big.test A 127.0.0.1
big.test TRUNCATE
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        ngx.say(ngx.socket.udp():setpeername("big.test", 53))
    }
}
--- request
GET /t
--- response_body
1
--- dns_queries
big.test A
big.test A tcp

=== TEST 13: with a resolver, "localhost" is asked too (nginx does not read /etc/hosts)
--- dns
localhost A 127.0.0.1
--- udp_backend
recv
echo
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        local sock = ngx.socket.udp()
        ngx.say(sock:setpeername("localhost", $TEST_NGINX_UDP_PORT))
        sock:send("local")
        ngx.say(sock:receive())
    }
}
--- request
GET /t
--- response_body
1
echo:local
--- dns_queries
localhost A

=== TEST 14: a lookup under way is shared by light threads asking for the same name
--- dns
a.test A 127.0.0.1
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /t {
    content_by_lua_block {
        local function connect()
            return ngx.socket.udp():setpeername("a.test", 53)
        end
        local t1 = ngx.thread.spawn(connect)
        local t2 = ngx.thread.spawn(connect)
        ngx.say(ngx.thread.wait(t1))
        ngx.say(ngx.thread.wait(t2))
    }
}
--- request
GET /t
--- response_body
true1
true1
--- dns_queries
a.test A

=== TEST 15: a location's resolver replaces the inherited one
--- dns
a.test A 127.0.0.1
--- http_config
resolver 127.0.0.1:$TEST_NGINX_PORT_3 ipv6=off;
resolver_timeout 1s;
--- config
location /t {
    resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
    content_by_lua_block { ngx.say(ngx.socket.udp():setpeername("a.test", 53)) }
}
location /u {
    content_by_lua_block { ngx.say(ngx.socket.udp():setpeername("a.test", 53)) }
}
--- requests
GET /t
GET /u
--- response_bodies
1
nila.test could not be resolved (110: Operation timed out)
--- error_log
recv() failed (111: Connection refused) while resolving, resolver: 127.0.0.1:$TEST_NGINX_PORT_3

=== TEST 16: proxy_pass with a variable: an address needs no resolver, a name is resolved
--- dns
back.test A 127.0.0.1
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
location /p { set $h $arg_h; proxy_pass http://$h:$TEST_NGINX_PORT_1; }
location /q { set $h $arg_h; proxy_pass http://$h:$TEST_NGINX_PORT_1/fixed; }
--- requests
GET /p?h=127.0.0.1
GET /p?h=back.test
GET /q?h=back.test
--- response_bodies
backend /p?h=127.0.0.1
backend /p?h=back.test
backend /fixed
--- dns_queries
back.test A

=== TEST 17: proxy_pass with a variable naming a host the resolver cannot find: 502 and nginx's line
--- dns
nx.test NXDOMAIN
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
--- config
location /p { set $h $arg_h; proxy_pass http://$h:$TEST_NGINX_PORT_1; }
--- request
GET /p?h=nx.test
--- error_code: 502
--- error_page: 502
--- error_log
nx.test could not be resolved (3: Host not found)

=== TEST 18: proxy_pass with a variable: a resolver timeout is 502 with "(110: Operation timed out)"
--- dns
slow.test DROP
--- http_config
resolver 127.0.0.1:$TEST_NGINX_DNS_PORT ipv6=off;
resolver_timeout 300ms;
--- config
location /p { set $h $arg_h; proxy_pass http://$h:$TEST_NGINX_PORT_1; }
--- request
GET /p?h=slow.test
--- error_code: 502
--- error_log
slow.test could not be resolved (110: Operation timed out)

=== TEST 19: resolver configuration errors: a bad valid= and a bad ipv6=
--- http_config
resolver 127.0.0.1 valid=x;
--- must_die
--- error_log
invalid parameter: valid=x in

=== TEST 20: resolver configuration errors: ipv6=maybe
--- http_config
resolver 127.0.0.1 ipv6=maybe;
--- must_die
--- error_log
invalid parameter: ipv6=maybe in

=== TEST 21: resolver configuration errors: a bad port, no servers at all
--- http_config
resolver 127.0.0.1:0;
--- must_die
--- error_log
invalid port in resolver "127.0.0.1:0" in

=== TEST 22: resolver configuration errors: no name servers
--- http_config
resolver valid=5s;
--- must_die
--- error_log
no name servers defined in

=== TEST 23: resolver_timeout needs a time; resolver is unique per level
--- http_config
resolver_timeout abc;
--- must_die
--- error_log
"resolver_timeout" directive invalid value in

=== TEST 24: resolver twice at one level
--- http_config
resolver 127.0.0.1;
resolver 127.0.0.2;
--- must_die
--- error_log
"resolver" directive is duplicate in

=== TEST 25: resolver parameters in any order, several servers, ipv6 literal servers
--- http_config
resolver valid=10s 127.0.0.1:$TEST_NGINX_DNS_PORT [::1]:53 ipv6=off;
--- config
location /t { return 200 "ok\n"; }
--- request
GET /t
--- response_body
ok
