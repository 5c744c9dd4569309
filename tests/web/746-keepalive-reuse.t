# Nothing of one request reaches the next on the same keepalive connection: tidegate reuses a
# connection's request objects (context, request, response, channel, Lua request) for its next
# request, so each case dirties them in a first request and checks a later pipelined one.

=== TEST 1: response headers, status, ngx.ctx and variables of the first request are gone
--- config
location = /dirty {
    set $v "";
    content_by_lua_block {
        ngx.status = 201
        ngx.header["X-Leak"] = "1"
        ngx.header.content_type = "text/x-dirty"
        ngx.ctx.x = "dirty"
        ngx.var.v = "dirty"
        ngx.say("dirty")
    }
}
location = /clean {
    content_by_lua_block {
        ngx.say("ctx=", tostring(ngx.ctx.x), " v=", tostring(ngx.var.v), " status=", ngx.status)
    }
}
--- raw_request
GET /dirty HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- error_code: 200
--- response_headers
!X-Leak
Content-Type: text/plain
--- response_body
ctx=nil v= status=0

=== TEST 2: request headers, arguments and headers set by ngx.req.set_header are the next request's own
--- config
location = /dirty {
    content_by_lua_block {
        ngx.req.set_header("X-Set", "dirty")
        ngx.say("dirty")
    }
}
location = /clean {
    content_by_lua_block {
        local h = ngx.req.get_headers()
        ngx.say("a=", tostring(h["x-a"]), " set=", tostring(h["x-set"]), " args=", tostring(ngx.var.args),
            " uri=", ngx.var.uri, " method=", ngx.req.get_method(), " n=", ngx.var.connection_requests)
    }
}
--- raw_request
POST /dirty?a=1 HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\nContent-Length: 3\r\n\r\nabcGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
a=nil set=nil args=nil uri=/clean method=GET n=2

=== TEST 3: a body read by the first request is not the second one's
--- config
location = /read {
    content_by_lua_block {
        ngx.req.read_body()
        ngx.say("body=", tostring(ngx.req.get_body_data()))
    }
}
--- raw_request
POST /read HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhelloGET /read HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
body=nil

=== TEST 4: header and body filters of the first request's location do not run for the second
--- config
location = /dirty {
    content_by_lua_block { ngx.say("dirty") }
    header_filter_by_lua_block { ngx.header["X-Filtered"] = "yes" }
    body_filter_by_lua_block { ngx.arg[1] = string.upper(ngx.arg[1]) }
}
location = /clean {
    content_by_lua_block { ngx.say("clean") }
}
--- raw_request
GET /dirty HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_headers
!X-Filtered
--- response_body
clean

=== TEST 5: the filtered first response itself is whole
--- config
location = /dirty {
    content_by_lua_block { ngx.say("dirty") }
    header_filter_by_lua_block { ngx.header["X-Filtered"] = "yes" }
    body_filter_by_lua_block { ngx.arg[1] = string.upper(ngx.arg[1]) }
}
--- raw_request
GET /dirty HTTP/1.1\r\nHost: localhost\r\n\r\nGET /dirty HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_headers
X-Filtered: yes
--- response_body
DIRTY

=== TEST 6: an error caught in the first request, then ngx.exit(404): nothing is left behind
--- config
location = /fail {
    content_by_lua_block {
        ngx.header["X-Leak"] = "1"
        ngx.ctx.x = 1
        local ok, err = pcall(error, "boom")
        ngx.log(ngx.ERR, "caught: ", err)
        ngx.exit(404)
    }
}
location = /clean {
    content_by_lua_block { ngx.say("ctx=", tostring(ngx.ctx.x), " status=", ngx.status) }
}
--- raw_request
GET /fail HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- error_code: 200
--- response_headers
!X-Leak
--- response_body
ctx=nil status=0
--- error_log
caught: boom

=== TEST 7: an uncaught Lua error answers 500 and closes the connection (as nginx does): the next request is not read
--- config
location = /fail { content_by_lua_block { ngx.header["X-Leak"] = "1" error("boom") } }
location = /clean { content_by_lua_block { ngx.say("clean") } }
--- raw_request
GET /fail HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 1
--- error_code: 500
--- error_log
boom

=== TEST 8: ngx.exit with an error status, ngx.redirect and ngx.exec in earlier requests
--- config
location = /exit { content_by_lua_block { ngx.header["X-Leak"] = "1" ngx.exit(403) } }
location = /redirect { content_by_lua_block { ngx.redirect("/elsewhere") } }
location = /exec { content_by_lua_block { ngx.ctx.x = 1 ngx.exec("/target") } }
location = /target { content_by_lua_block { ngx.say("target ctx=", tostring(ngx.ctx.x)) } }
location = /clean {
    content_by_lua_block { ngx.say("ctx=", tostring(ngx.ctx.x), " status=", ngx.status) }
}
--- raw_request
GET /exit HTTP/1.1\r\nHost: localhost\r\n\r\nGET /redirect HTTP/1.1\r\nHost: localhost\r\n\r\nGET /exec HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 4
--- check_response: 4
--- error_code: 200
--- response_headers
!X-Leak
!Location
--- response_body
ctx=nil status=0

=== TEST 9: a subrequest in the first request, then a plain one
--- config
location = /sub { content_by_lua_block { ngx.header["X-Sub"] = "1" ngx.say("sub") } }
location = /parent {
    content_by_lua_block {
        local res = ngx.location.capture("/sub")
        ngx.ctx.x = 1
        ngx.print("got ", res.body)
    }
}
location = /clean {
    content_by_lua_block { ngx.say("ctx=", tostring(ngx.ctx.x)) }
}
--- raw_request
GET /parent HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_headers
!X-Sub
--- response_body
ctx=nil

=== TEST 10: user threads in the first request, then a plain one
--- config
location = /threads {
    content_by_lua_block {
        local t = ngx.thread.spawn(function() ngx.sleep(0.01) return "done" end)
        local ok, v = ngx.thread.wait(t)
        ngx.ctx.x = v
        ngx.say(v)
    }
}
location = /clean {
    content_by_lua_block { ngx.say("ctx=", tostring(ngx.ctx.x)) }
}
--- raw_request
GET /threads HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
ctx=nil

=== TEST 11: a large first response, then a small one (the output buffer is emptied, not reused with its bytes)
--- config
location = /big { content_by_lua_block { ngx.print(string.rep("x", 100000)) } }
location = /small { content_by_lua_block { ngx.print("small") } }
--- raw_request
GET /big HTTP/1.1\r\nHost: localhost\r\n\r\nGET /small HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body chomp
small

=== TEST 12: a return and a static error page, then Lua: the response starts from nothing
--- config
location = /ret { add_header X-Ret 1; return 302 /somewhere; }
location = /clean {
    content_by_lua_block { ngx.say("status=", ngx.status, " loc=", tostring(ngx.header.location)) }
}
--- raw_request
GET /ret HTTP/1.1\r\nHost: localhost\r\n\r\nGET /missing HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 3
--- check_response: 3
--- error_code: 200
--- response_headers
!X-Ret
!Location
--- response_body
status=0 loc=nil

=== TEST 13: the same dirty request three times: each response is the first one's
--- config
location = /count {
    content_by_lua_block {
        ngx.ctx.n = (ngx.ctx.n or 0) + 1
        ngx.header["X-N"] = ngx.ctx.n
        ngx.say("n=", ngx.ctx.n, " args=", tostring(ngx.var.args))
    }
}
--- raw_request
GET /count?a HTTP/1.1\r\nHost: localhost\r\n\r\nGET /count?b HTTP/1.1\r\nHost: localhost\r\n\r\nGET /count HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 3
--- check_response: 3
--- response_headers
X-N: 1
--- response_body
n=1 args=nil

=== TEST 14: access and rewrite handlers of the first request, then a plain one
--- config
location = /phases {
    rewrite_by_lua_block { ngx.ctx.r = 1 ngx.req.set_header("X-Rw", "1") }
    access_by_lua_block { ngx.ctx.a = 1 }
    content_by_lua_block { ngx.say(ngx.ctx.r, ngx.ctx.a) }
}
location = /clean {
    content_by_lua_block { ngx.say(tostring(ngx.ctx.r), tostring(ngx.ctx.a), tostring(ngx.var.http_x_rw)) }
}
--- raw_request
GET /phases HTTP/1.1\r\nHost: localhost\r\n\r\nGET /clean HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
nilnilnil
