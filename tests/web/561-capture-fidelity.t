# ngx.location.capture into Lua locations: what the capture reports when the subrequest's handler
# fails or exits after setting headers and a status (ngx_lua's post-subrequest handler runs before
# nginx's special response, so the headers stay), a Lua-set Content-Length (a header entry: a
# string), and the access phase, which nginx runs for the main request only.

=== TEST 1: a Lua error before any output keeps the headers and the status the handler set
--- config
location /sub { content_by_lua_block {
    ngx.header["X-Before"] = "yes"
    ngx.header["Content-Length"] = 5
    ngx.header.content_type = "text/x-sub"
    if ngx.var.arg_s then ngx.status = tonumber(ngx.var.arg_s) end
    if ngx.var.arg_late then ngx.say("hi") end
    error("sub failed")
} }
location /t { content_by_lua_block {
    local function dump(res)
        ngx.say("status=", res.status, " truncated=", tostring(res.truncated), " body=[", res.body, "]")
        local keys = {}
        for k in pairs(res.header) do keys[#keys + 1] = k end
        table.sort(keys)
        for _, k in ipairs(keys) do
            local v = res.header[k]
            ngx.say("  ", k, " = ", type(v), ":", tostring(v))
        end
    end
    dump(ngx.location.capture("/sub"))
    dump(ngx.location.capture("/sub?s=201"))
    dump(ngx.location.capture("/sub?s=201&late=1"))
} }
--- request
GET /t
--- response_body
status=500 truncated=true body=[]
  Content-Length = string:5
  Content-Type = string:text/x-sub
  X-Before = string:yes
status=201 truncated=true body=[]
  Content-Length = string:5
  Content-Type = string:text/x-sub
  X-Before = string:yes
status=201 truncated=true body=[hi
]
  Content-Length = string:5
  Content-Type = string:text/x-sub
  X-Before = string:yes
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):7: sub failed
subrequest: "/sub"

=== TEST 2: ngx.exit with an error status: the status set by ngx.status wins, the headers stay
--- config
location /sub { content_by_lua_block {
    ngx.header["Content-Length"] = "05"
    ngx.header["X-Before"] = "yes"
    if ngx.var.arg_s then ngx.status = tonumber(ngx.var.arg_s) end
    ngx.exit(tonumber(ngx.var.arg_exit))
} }
location /t { content_by_lua_block {
    for _, uri in ipairs({"/sub?exit=404", "/sub?s=202&exit=404", "/sub?exit=503", "/sub?s=200&exit=500"}) do
        local res = ngx.location.capture(uri)
        ngx.say(uri, ": ", res.status, " ", tostring(res.truncated), " [", res.body, "] ",
            type(res.header["Content-Length"]), ":", res.header["Content-Length"], " ", res.header["X-Before"])
    end
} }
--- request
GET /t
--- response_body
/sub?exit=404: 404 true [] string:05 yes
/sub?s=202&exit=404: 202 true [] string:05 yes
/sub?exit=503: 503 true [] string:05 yes
/sub?s=200&exit=500: 200 true [] string:05 yes

=== TEST 3: a Content-Length set by Lua is a string in the capture, a computed one a number
--- config
location /cl { content_by_lua_block {
    ngx.header["Content-Length"] = 5
    ngx.header["X-Num"] = 12
    ngx.header["X-Multi"] = {"a", 3}
    ngx.print("hello")
} }
location /plain { return 200 "hello"; }
location /t { content_by_lua_block {
    local res = ngx.location.capture("/cl")
    ngx.say(res.status, " ", res.body, " ", type(res.header["Content-Length"]), ":", res.header["Content-Length"],
        " ", type(res.header["X-Num"]), ":", res.header["X-Num"], " ", type(res.header["X-Multi"][2]), ":", res.header["X-Multi"][2])
    res = ngx.location.capture("/plain")
    ngx.say(res.status, " ", res.body, " ", type(res.header["Content-Length"]), ":", res.header["Content-Length"])
} }
--- request
GET /t
--- response_body
200 hello string:5 string:12 string:3
200 hello number:5

=== TEST 4: access_by_lua does not run for a subrequest (nginx's access phase is the main request's)
--- config
location /acc {
    access_by_lua_block { ngx.header["X-Acc"] = "1"; ngx.status = 202; error("in access") }
    content_by_lua_block { ngx.say("content ran") }
}
location /t { content_by_lua_block {
    local res = ngx.location.capture("/acc")
    ngx.print(res.status, " ", res.header["X-Acc"], " ", res.body)
} }
--- request
GET /t
--- response_body
200 nil content ran
--- no_error_log
in access
