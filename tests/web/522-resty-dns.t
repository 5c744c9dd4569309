# Debian's lua-resty-dns (nginx.dns.resolver), unmodified, against the scripted DNS server
# ($TEST_NGINX_DNS_PORT, Harness/FakeDnsServer.cs) over ngx.socket.udp and ngx.socket.tcp: record
# types, error codes, timeouts and retransmission, and the TCP retry of a truncated reply.

=== TEST 1: an A query
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
a.test A 127.0.0.1 ttl=60
a.test A 127.0.0.2 ttl=60
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:query("a.test"))
    }
}
--- request
GET /t
--- response_body
address=127.0.0.1 class=1 name=a.test section=1 ttl=60 type=1
address=127.0.0.2 class=1 name=a.test section=1 ttl=60 type=1
--- dns_queries
a.test A

=== TEST 2: an AAAA query (the library does not compress IPv6 addresses)
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
a.test AAAA 2001:db8::1 ttl=30
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:query("a.test", { qtype = r.TYPE_AAAA }))
        ngx.say(resolver.compress_ipv6_addr("2001:db8:0:0:0:0:0:1"))
    }
}
--- request
GET /t
--- response_body
address=2001:db8:0:0:0:0:0:1 class=1 name=a.test section=1 ttl=30 type=28
2001:db8::1

=== TEST 3: a CNAME chain comes with the address
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
www.test CNAME a.test ttl=10
a.test A 127.0.0.1 ttl=20
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:query("www.test"))
    }
}
--- request
GET /t
--- response_body
class=1 cname=a.test name=www.test section=1 ttl=10 type=5
address=127.0.0.1 class=1 name=a.test section=1 ttl=20 type=1

=== TEST 4: MX records
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
mail.test MX 10 mx1.test ttl=5
mail.test MX 20 mx2.test ttl=5
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:query("mail.test", { qtype = r.TYPE_MX }))
    }
}
--- request
GET /t
--- response_body
class=1 exchange=mx1.test name=mail.test preference=10 section=1 ttl=5 type=15
class=1 exchange=mx2.test name=mail.test preference=20 section=1 ttl=5 type=15

=== TEST 5: TXT records, one string and several
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
one.test TXT "hello world" ttl=5
two.test TXT a bc def ttl=5
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:query("one.test", { qtype = r.TYPE_TXT }))
        dump(r:query("two.test", { qtype = r.TYPE_TXT }))
    }
}
--- request
GET /t
--- response_body
class=1 name=one.test section=1 ttl=5 txt=hello world type=16
class=1 name=two.test section=1 ttl=5 txt={a,bc,def} type=16

=== TEST 6: SRV records
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
_sip._tcp.test SRV 1 2 5060 sip.test ttl=7
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:query("_sip._tcp.test", { qtype = r.TYPE_SRV }))
    }
}
--- request
GET /t
--- response_body
class=1 name=_sip._tcp.test port=5060 priority=1 section=1 target=sip.test ttl=7 type=33 weight=2

=== TEST 7: reverse_query asks for the PTR of the in-addr.arpa name
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
1.0.0.127.in-addr.arpa PTR localhost.test ttl=9
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        ngx.say(resolver.arpa_str("127.0.0.1"))
        dump(r:reverse_query("127.0.0.1"))
    }
}
--- request
GET /t
--- response_body
1.0.0.127.in-addr.arpa
class=1 name=1.0.0.127.in-addr.arpa ptrdname=localhost.test section=1 ttl=9 type=12
--- dns_queries
1.0.0.127.in-addr.arpa PTR

=== TEST 8: NXDOMAIN, SERVFAIL and REFUSED come back as errcode and errstr
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
nx.test NXDOMAIN
fail.test SERVFAIL
no.test REFUSED
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:query("nx.test"))
        dump(r:query("fail.test"))
        dump(r:query("no.test"))
    }
}
--- request
GET /t
--- response_body
errcode: 3 name error
errcode: 2 server failure
errcode: 5 refused

=== TEST 9: a name with other records only: an empty answer
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
mail.test MX 10 mx.test
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        local answers, err = r:query("mail.test")
        ngx.say(#answers, " ", answers.errcode, " ", err)
    }
}
--- request
GET /t
--- response_body
0 nil nil

=== TEST 10: a server that never answers: the retransmissions time out
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
slow.test DROP
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 3, timeout = 100 }
        dump(r:query("slow.test"))
    }
}
--- request
GET /t
--- response_body
error: failed to receive reply from UDP server 127.0.0.1:$TEST_NGINX_DNS_PORT: timeout
--- dns_queries
slow.test A
slow.test A
slow.test A
--- error_log
lua udp socket read timed out

=== TEST 11: a lost reply is retransmitted
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
flaky.test DROP 1
flaky.test A 127.0.0.3 ttl=1
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 3, timeout = 1000 }
        dump(r:query("flaky.test"))
    }
}
--- request
GET /t
--- response_body
address=127.0.0.3 class=1 name=flaky.test section=1 ttl=1 type=1
--- dns_queries
flaky.test A
flaky.test A

=== TEST 12: a truncated UDP reply is asked again over TCP
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
big.test A 127.0.0.4 ttl=3
big.test TRUNCATE
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:query("big.test"))
    }
}
--- request
GET /t
--- response_body
address=127.0.0.4 class=1 name=big.test section=1 ttl=3 type=1
--- dns_queries
big.test A
big.test A tcp

=== TEST 13: tcp_query asks over TCP directly
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
a.test A 127.0.0.5 ttl=3
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r, err = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}}, retrans = 2, timeout = 1000 }
        if not r then ngx.say("new: ", err) return end
        dump(r:tcp_query("a.test"))
    }
}
--- request
GET /t
--- response_body
address=127.0.0.5 class=1 name=a.test section=1 ttl=3 type=1
--- dns_queries
a.test A tcp

=== TEST 14: new's and query's errors
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
a.test A 127.0.0.1
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        ngx.say(resolver:new())
        ngx.say(resolver:new{ nameservers = {} })
        ngx.say(resolver:new{ nameservers = {"no.such.name"} })
        local r = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}} }
        ngx.say(r:query(".a.test"))
    }
}
--- request
GET /t
--- response_body
nilno options table specified
nilno nameservers specified
nilfailed to set peer name: no resolver defined to resolve "no.such.name"
nilbad name

=== TEST 15: a nameserver that refuses (nothing listens): the ICMP error ends the query
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
a.test A 127.0.0.1
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_PORT_1}}, retrans = 2, timeout = 500 }
        dump(r:query("a.test"))
    }
}
--- request
GET /t
--- response_body
error: failed to receive reply from UDP server 127.0.0.1:$TEST_NGINX_PORT_1: connection refused

=== TEST 16: queries in a loop reuse the library's sockets; several nameservers take turns
--- files
>>> lib/dumpdns.lua
return function(answers, err)
    if not answers then ngx.say("error: ", err) return end
    if answers.errcode then ngx.say("errcode: ", answers.errcode, " ", answers.errstr) end
    for _, a in ipairs(answers) do
        local keys = {}
        for k in pairs(a) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do
            local v = a[k]
            if type(v) == "table" then v = "{" .. table.concat(v, ",") .. "}" end
            parts[#parts + 1] = k .. "=" .. tostring(v)
        end
        ngx.say(table.concat(parts, " "))
    end
end
--- dns
a.test A 127.0.0.1 ttl=1
b.test A 127.0.0.2 ttl=1
--- http_config
lua_package_path "$prefix/lib/?.lua;/usr/share/lua/5.1/?.lua;;";
--- config
location /t {
    content_by_lua_block {
        local resolver = require "nginx.dns.resolver"
        local dump = require "dumpdns"
        local r = resolver:new{ nameservers = {{"127.0.0.1", $TEST_NGINX_DNS_PORT}, {"127.0.0.1", $TEST_NGINX_DNS_PORT}} }
        for i = 1, 3 do
            dump(r:query("a.test"))
            dump(r:query("b.test"))
        end
    }
}
--- request
GET /t
--- response_body
address=127.0.0.1 class=1 name=a.test section=1 ttl=1 type=1
address=127.0.0.2 class=1 name=b.test section=1 ttl=1 type=1
address=127.0.0.1 class=1 name=a.test section=1 ttl=1 type=1
address=127.0.0.2 class=1 name=b.test section=1 ttl=1 type=1
address=127.0.0.1 class=1 name=a.test section=1 ttl=1 type=1
address=127.0.0.2 class=1 name=b.test section=1 ttl=1 type=1
