# ngx.location.capture and capture_multi: results (status, header, body, truncated), the options
# (method, body, args, vars, copy_all_vars, share_all_vars, ctx, always_forward_body), subrequests
# into locations of every kind, errors inside subrequests, and the argument errors, each as nginx
# with ngx_lua 0.10.23 answers them.

=== TEST 1: a Lua subrequest: its URI, args, method and is_subrequest; the main request's $request_uri
--- config
location /t { content_by_lua_block {
    local res = ngx.location.capture("/sub", { args = "a=1&b=2" })
    ngx.say(res.status, " [", res.body, "] ", tostring(res.truncated))
} }
location /sub { content_by_lua_block {
    ngx.say("uri=", ngx.var.uri, " args=", ngx.var.args, " sub=", tostring(ngx.is_subrequest), " m=", ngx.req.get_method(),
        " rm=", ngx.var.request_method, " ru=", ngx.var.request_uri, " internal=", tostring(ngx.req.is_internal()))
} }
--- request
GET /t?x=y
--- response_body
200 [uri=/sub args=a=1&b=2 sub=true m=GET rm=GET ru=/t?x=y internal=true
] false

=== TEST 2: the header table: a repeated header is a list, Content-Type from the field
--- config
location /t { content_by_lua_block {
    local res = ngx.location.capture("/sub")
    local keys = {}
    for k, v in pairs(res.header) do keys[#keys+1] = k .. "=" .. (type(v) == "table" and table.concat(v, ",") or v) .. ":" .. type(v) end
    table.sort(keys)
    ngx.say(table.concat(keys, " "))
} }
location /sub { content_by_lua_block {
    ngx.header["X-Multi"] = {"a", "b"}
    ngx.header["X-One"] = "1"
    ngx.say("x")
} }
--- request
GET /t
--- response_body
Content-Type=text/plain:string X-Multi=a,b:table X-One=1:string

=== TEST 3: return with a text: Content-Length is a number, the type from the location
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/ret")
    ngx.say(r.status, " [", r.body, "] ", tostring(r.truncated), " ", type(r.header["Content-Length"]), " ",
        r.header["Content-Length"], " ", r.header["Content-Type"])
    r = ngx.location.capture("/json")
    ngx.say(r.status, " [", r.body, "] ", r.header["Content-Type"])
} }
location /ret { return 200 "hi"; }
location /json { default_type application/json; return 201 "{}"; }
--- request
GET /t
--- response_body
200 [hi] false number 2 text/plain
201 [{}] application/json

=== TEST 4: a missing static file: 404 with no body, truncated; the log names the subrequest
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/nope")
    ngx.say(r.status, " [", r.body, "] ", tostring(r.truncated), " ", tostring(r.header["Content-Type"]), " ", tostring(r.header["Content-Length"]))
} }
--- request
GET /t?x=y
--- response_body
404 [] true text/plain nil
--- error_log
failed (2: No such file or directory), client: 127.0.0.1, server: localhost, request: "GET /t?x=y HTTP/1.1", subrequest: "/nope", host: "localhost"

=== TEST 5: a static file: body, Content-Length, Last-Modified
--- files
>>> html/s.txt
static file
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/s.txt")
    ngx.say(r.status, " [", r.body, "] ", r.header["Content-Length"], " ", type(r.header["Last-Modified"]), " ", r.header["Content-Type"])
} }
--- request
GET /t
--- response_body
200 [static file
] 12 string text/plain

=== TEST 6: echo locations, internal locations
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/echo")
    ngx.print(r.status, " [", r.body, "] ", tostring(r.truncated), "\n")
    r = ngx.location.capture("/int")
    ngx.say(r.status, " [", r.body, "] ", tostring(r.truncated))
    r = ngx.location.capture("/st")
    ngx.say(r.status, " [", r.body, "]")
} }
location /echo { echo hello; echo world; }
location /int { internal; return 201 "internal ok"; }
location /st { echo_status 202; echo -n st; }
--- request
GET /t
--- response_body
200 [hello
world
] false
201 [internal ok] false
202 [st]

=== TEST 7: ngx.exit after output in a subrequest keeps the status sent
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/exit")
    ngx.say(r.status, " [", r.body, "] ", tostring(r.truncated))
} }
location /exit { content_by_lua_block { ngx.say("before"); ngx.exit(403) } }
--- request
GET /t
--- response_body
200 [before
] false
--- error_log
attempt to set status 403 via ngx.exit after sending out the response status 200, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", subrequest: "/exit"

=== TEST 8: error statuses end a subrequest with no body (no error page), truncated
--- config
location /t { content_by_lua_block {
    for _, u in ipairs{"/err", "/rd", "/r404", "/r404t", "/r302", "/exit403", "/errpage", "/exiterr"} do
        local r = ngx.location.capture(u)
        ngx.say(u, " ", r.status, " [", r.body, "] ", tostring(r.truncated), " ", tostring(r.header.Location), " ", tostring(r.header["X-B"]))
    end
} }
location /err { content_by_lua_block { error("boom") } }
location /rd { content_by_lua_block { ngx.redirect("/elsewhere") } }
location /r404 { return 404; }
location /r404t { return 404 "gone"; }
location /r302 { return 302 /x; }
location /exit403 { content_by_lua_block { ngx.header["X-B"] = "2"; ngx.exit(403) } }
location /errpage { error_page 404 = /r404t; return 404; }
location /exiterr { content_by_lua_block { ngx.exit(ngx.ERROR) } }
--- request
GET /t
--- response_body
/err 500 [] true nil nil
/rd 302 [] true /elsewhere nil
/r404 404 [] true nil nil
/r404t 404 [gone] false nil nil
/r302 302 [] true /x nil
/exit403 403 [] true nil 2
/errpage 404 [] true nil nil
/exiterr 500 [] true nil nil
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:21):1: boom
request: "GET /t HTTP/1.1", subrequest: "/err", host: "localhost"

=== TEST 9: the subrequest's own default_type, and none with default_type ""
--- config
default_type text/html;
location /t { default_type application/x-parent; content_by_lua_block {
    for _, u in ipairs{"/r404", "/r404b", "/lua", "/luanone"} do
        local r = ngx.location.capture(u)
        ngx.say(u, " ", r.status, " [", r.body, "] ", tostring(r.header["Content-Type"]))
    end
} }
location /r404 { default_type application/json; return 404; }
location /r404b { return 404; }
location /lua { content_by_lua_block { ngx.print("ok") } }
location /luanone { default_type ""; content_by_lua_block { ngx.print("ok") } }
--- request
GET /t
--- response_body
/r404 404 [] application/json
/r404b 404 [] text/html
/lua 200 [ok] text/html
/luanone 200 [ok] nil

=== TEST 10: methods and bodies: POST/PUT take the parent's body, others only with always_forward_body
--- config
location /t { content_by_lua_block {
    ngx.req.read_body()
    local function show(res) ngx.say(res.status, " [", res.body, "]") end
    show(ngx.location.capture("/m", { method = ngx.HTTP_POST, body = "hello" }))
    show(ngx.location.capture("/m", { method = ngx.HTTP_PUT }))
    show(ngx.location.capture("/m"))
    show(ngx.location.capture("/m", { method = ngx.HTTP_GET, always_forward_body = true }))
    show(ngx.location.capture("/m", { method = ngx.HTTP_HEAD }))
    show(ngx.location.capture("/m", { method = ngx.HTTP_DELETE }))
    show(ngx.location.capture("/m", { method = ngx.HTTP_OPTIONS, body = 42 }))
    show(ngx.location.capture("/m", { method = ngx.HTTP_PATCH }))
} }
location /m { content_by_lua_block {
    ngx.req.read_body()
    ngx.print(ngx.req.get_method(), " body=", tostring(ngx.req.get_body_data()), " cl=", tostring(ngx.var.http_content_length),
        " rb=", tostring(ngx.var.request_body))
} }
--- request
POST /t
PARENT
--- response_body
200 [POST body=hello cl=5 rb=hello]
200 [PUT body=PARENT cl=6 rb=PARENT]
200 [GET body=nil cl=nil rb=nil]
200 [GET body=PARENT cl=6 rb=PARENT]
200 []
200 [DELETE body=nil cl=nil rb=nil]
200 [OPTIONS body=42 cl=2 rb=42]
200 [PATCH body=nil cl=nil rb=nil]

=== TEST 11: a parent that did not read its body: the subrequest has none, the header is copied
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/m", {method = ngx.HTTP_POST})
    ngx.say(r.status, " [", r.body, "]")
} }
location /m { content_by_lua_block { ngx.req.read_body(); ngx.print(tostring(ngx.req.get_body_data()), " ", tostring(ngx.var.http_content_length)) } }
--- request
POST /t
PARENT
--- response_body
200 [nil 6]

=== TEST 12: args as a string, a number and a table, appended to the URI's own
--- config
location /t { content_by_lua_block {
    local function show(res) ngx.say(res.status, " [", res.body, "]") end
    show(ngx.location.capture("/m?x=1", { args = { b = "a b&c" } }))
    show(ngx.location.capture("/m?x=1", { args = 12 }))
    show(ngx.location.capture("/m", { args = { z = {1, 2} } }))
    show(ngx.location.capture("/m", { args = { c = true } }))
    show(ngx.location.capture("/m", { args = { d = false } }))
    show(ngx.location.capture("/m", { args = "" }))
    show(ngx.location.capture("/m%41?q=%41"))
} }
location /m { content_by_lua_block { ngx.print("uri=", ngx.var.uri, " args=", tostring(ngx.var.args)) } }
--- request
GET /t
--- response_body
200 [uri=/m args=x=1&b=a%20b%26c]
200 [uri=/m args=x=1&12]
200 [uri=/m args=z=1&z=2]
200 [uri=/m args=c]
200 [uri=/m args=nil]
200 [uri=/m args=nil]
200 [uri=/mA args=q=%41]

=== TEST 13: vars, copy_all_vars and share_all_vars
--- config
location /t {
    set $dog "bark";
    content_by_lua_block {
        local function show(res) ngx.say(res.status, " [", res.body, "]") end
        show(ngx.location.capture("/v", { vars = { dog = "woof", cat = "meow" } }))
        show(ngx.location.capture("/v"))
        show(ngx.location.capture("/v", { copy_all_vars = true }))
        ngx.say("parent dog=", ngx.var.dog)
        show(ngx.location.capture("/v", { share_all_vars = true }))
        ngx.say("parent dog=", ngx.var.dog)
    }
}
location /v {
    set $cat "purr";
    content_by_lua_block {
        ngx.print("dog=", ngx.var.dog, " cat=", ngx.var.cat)
        ngx.var.dog = "changed"
    }
}
--- request
GET /t
--- response_body
200 [dog=woof cat=purr]
200 [dog= cat=purr]
200 [dog=bark cat=purr]
parent dog=bark
200 [dog=bark cat=purr]
parent dog=changed
--- error_log
using uninitialized "dog" variable, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", subrequest: "/v"

=== TEST 14: the ctx option: the subrequest's ngx.ctx is the given table
--- config
location /t { content_by_lua_block {
    local c = { foo = "bar" }
    local r = ngx.location.capture("/ctx", { ctx = c })
    ngx.say(r.body, " after: ", c.foo, " ", tostring(c.sub))
    r = ngx.location.capture("/ctx", { ctx = ngx.ctx })
    ngx.say(r.body, " ngx.ctx.sub=", tostring(ngx.ctx.sub))
    r = ngx.location.capture("/ctx")
    ngx.say(r.body)
} }
location /ctx { content_by_lua_block { ngx.print("foo=", tostring(ngx.ctx.foo)); ngx.ctx.sub = "set" } }
--- request
GET /t
--- response_body
foo=bar after: bar set
foo=nil ngx.ctx.sub=set
foo=nil

=== TEST 15: bad arguments, with ngx_lua's messages
--- config
location /t { content_by_lua_block {
    local cases = {
        function() return ngx.location.capture() end,
        function() return ngx.location.capture("/a", {}, 3) end,
        function() return ngx.location.capture(nil) end,
        function() return ngx.location.capture({}) end,
        function() return ngx.location.capture("/a", "x") end,
        function() return ngx.location.capture("/a", { method = "POST" }) end,
        function() return ngx.location.capture("/a", { method = 12345 }) end,
        function() return ngx.location.capture("/a", { body = {} }) end,
        function() return ngx.location.capture("/a", { args = true }) end,
        function() return ngx.location.capture("/a", { args = { [1] = "x" } }) end,
        function() return ngx.location.capture("/a", { args = { a = function() end } }) end,
        function() return ngx.location.capture("/a", { vars = "x" }) end,
        function() return ngx.location.capture("/a", { vars = { [1] = "x" } }) end,
        function() return ngx.location.capture("/a", { vars = { a = {} } }) end,
        function() return ngx.location.capture("/a", { vars = { uri = "x" } }) end,
        function() return ngx.location.capture("/a", { vars = { nosuch = "x" } }) end,
        function() return ngx.location.capture("/a", { share_all_vars = 1 }) end,
        function() return ngx.location.capture("/a", { copy_all_vars = "yes" }) end,
        function() return ngx.location.capture("/a", { ctx = 1 }) end,
        function() return ngx.location.capture("../a") end,
        function() return ngx.location.capture("/x/../../a") end,
        function() return ngx.location.capture("/x/%2e%2e/%2e%2e/a") end,
        function() return ngx.location.capture("?a") end,
        function() return ngx.location.capture("") end,
        function() return ngx.location.capture("/a\0b") end,
        function() return ngx.location.capture(12) end,
        function() return ngx.location.capture("@named") end,
        function() return ngx.location.capture_multi() end,
        function() return ngx.location.capture_multi({}) end,
        function() return ngx.location.capture_multi({ "x" }) end,
        function() return ngx.location.capture_multi({ {} }) end,
        function() return ngx.location.capture_multi({ { "/a", {}, 3 } }) end,
        function() return ngx.location.capture_multi({ { "/a" }, { "/a", 5 } }) end,
        function() return ngx.location.capture_multi({ { "/a" } }, 2) end,
        function() return ngx.location.capture_multi("x") end,
        function() return ngx.location.capture_multi({ [2] = { "/a" } }) end,
    }
    for i, f in ipairs(cases) do
        local ok, a = pcall(f)
        if ok then ngx.say(i, " ok ", type(a) == "table" and (a.status .. " [" .. a.body .. "]") or tostring(a))
        else ngx.say(i, " err ", a) end
    end
} }
location /a { return 200 "A"; }
location @named { return 200 "named"; }
--- request
GET /t
--- response_body
1 err expecting one or two arguments
2 err expecting one or two arguments
3 err query argument 0 expecting one or two arguments
4 err bad argument #3 to '?' (string expected, got table)
5 err expecting table as the 2nd argument for subrequest 0, but got string
6 err Bad http request method
7 err failed to adjust the subrequest: -1
8 err Bad http request body
9 err Bad args option value
10 err attempt to use a non-string key in the "args" option table
11 err attempt to use function as query arg value
12 err Bad vars option value
13 err attempt to use a non-string key in the "vars" option table
14 err attempt to use bad variable value type table
15 err failed to adjust the subrequest: 500
16 err failed to adjust the subrequest: -1
17 err Bad share_all_vars option value
18 err Bad copy_all_vars option value
19 err Bad ctx option value type number, expected a Lua table
20 err unsafe uri in argument #1: ../a
21 err unsafe uri in argument #1: /x/../../a
22 err unsafe uri in argument #1: /x/%2e%2e/%2e%2e/a
23 err unsafe uri in argument #1: ?a
24 err unsafe uri in argument #1: 
25 err unsafe uri in argument #1: /a
26 ok 404 []
27 ok 404 []
28 err only one argument is expected, but got 0
29 err at least one subrequest should be specified
30 err the query argument 0 is not a table, but a string
31 err query argument 0 expecting one or two arguments
32 err query argument 0 expecting one or two arguments
33 err expecting table as the 2nd argument for subrequest 1, but got number
34 err only one argument is expected, but got 2
35 err bad argument #1 to '?' (table expected, got string)
36 err at least one subrequest should be specified
--- error_log
unsupported HTTP method: 12345, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", host: "localhost"
variable "uri" not changeable, client: 127.0.0.1
variable "nosuch" cannot be assigned a value (maybe you forgot to define it first?) , client: 127.0.0.1
html12" failed (2: No such file or directory), client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", subrequest: "12"

=== TEST 16: an argument error is positioned at the caller's line
--- config
location /t { content_by_lua_block {
    local ok, e = pcall(function()
        local r = ngx.location.capture("/a", { method = "GET" })
    end)
    ngx.say(e)
} }
--- request
GET /t
--- response_body
content_by_lua(nginx.conf:15):3: Bad http request method

=== TEST 17: capture in rewrite and access phases, and nested captures
--- config
location /t {
    rewrite_by_lua_block { local r = ngx.location.capture("/a"); ngx.ctx.rw = r.body }
    access_by_lua_block { local r = ngx.location.capture("/a", {args="n=2"}); ngx.ctx.ac = r.body }
    content_by_lua_block {
        ngx.say(ngx.ctx.rw, " ", ngx.ctx.ac)
        local r = ngx.location.capture("/nest")
        ngx.say(r.status, " [", r.body, "]")
    }
}
location /a { content_by_lua_block { ngx.print("A", ngx.var.arg_n or "") } }
location /nest { content_by_lua_block { local r = ngx.location.capture("/a", {args="n=3"}); ngx.print("nest:", r.body, " sub=", tostring(ngx.is_subrequest)) } }
--- request
GET /t
--- response_body
A A2
200 [nest:A3 sub=true]

=== TEST 18: API disabled in header_filter, set_by_lua, log_by_lua and timers
--- config
location /t {
    content_by_lua_block {
        local r = ngx.location.capture("/hf")
        ngx.say(r.status, " [", r.body, "] ", tostring(r.header["X-HF"]))
        r = ngx.location.capture("/setby")
        ngx.say(r.status, " [", r.body, "]")
        ngx.timer.at(0, function()
            local ok, e = pcall(ngx.location.capture, "/a")
            ngx.log(ngx.ERR, "timer: ", e)
        end)
        ngx.sleep(0.05)
    }
    log_by_lua_block { local ok, e = pcall(ngx.location.capture, "/a"); ngx.log(ngx.ERR, "log: ", e) }
}
location /a { return 200 "A"; }
location /hf {
    return 200 "hf";
    header_filter_by_lua_block { local ok, e = pcall(ngx.location.capture, "/a"); ngx.header["X-HF"] = e }
}
location /setby {
    set_by_lua_block $x { local ok, e = pcall(ngx.location.capture, "/a"); return e }
    return 200 $x;
}
--- request
GET /t
--- response_body
200 [hf] API disabled in the context of header_filter_by_lua*
200 [API disabled in the context of set_by_lua*]
--- error_log
log: API disabled in the context of log_by_lua* while logging request
timer: API disabled in the context of ngx.timer

=== TEST 19: ngx.exec and error_page inside subrequests
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/execd")
    ngx.say(r.status, " [", r.body, "]")
    r = ngx.location.capture("/execnamed")
    ngx.say(r.status, " [", r.body, "]")
} }
location /a { content_by_lua_block { ngx.print("A", ngx.var.arg_n or "", " ", ngx.var.uri) } }
location /execd { content_by_lua_block { ngx.exec("/a", "n=9") } }
location /execnamed { content_by_lua_block { ngx.exec("@named") } }
location @named { content_by_lua_block { ngx.print("named ", ngx.var.uri) } }
--- request
GET /t
--- response_body
200 [A9 /a]
200 [named /execnamed]

=== TEST 20: capture_multi runs the subrequests in parallel (a slow one, a fast one, a proxied one)
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { echo_sleep 0.4; echo -n "back $request_uri"; } }
--- config
location /t { content_by_lua_block {
    ngx.update_time()
    local t0 = ngx.now()
    local r1, r2, r3 = ngx.location.capture_multi{ {"/slow"}, {"/fast", {args = "a=1"}}, {"/p/x?y=2"} }
    ngx.update_time()
    local elapsed = ngx.now() - t0
    ngx.say(r1.status, " [", r1.body, "] ", r2.status, " [", r2.body, "] ", r3.status, " [", r3.body, "]")
    ngx.say(elapsed >= 0.5 and elapsed < 0.8 and "parallel" or ("elapsed " .. elapsed))
    local one = ngx.location.capture_multi{ {"/fast"} }
    ngx.say(type(one), " ", one.status)
} }
location /slow { content_by_lua_block { ngx.sleep(0.5) ngx.print("slow") } }
location /fast { content_by_lua_block { ngx.sleep(0.3) ngx.print("fast ", ngx.var.args) } }
location /p/ { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1/; }
--- request
GET /t
--- response_body
200 [slow] 200 [fast a=1] 200 [back /x?y=2]
parallel
table 200

=== TEST 21: a proxied subrequest whose upstream closes early is truncated
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd
close
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/p")
    ngx.say(r.status, " [", r.body, "] ", tostring(r.truncated))
} }
location /p { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- response_body
200 [abcd] true
--- error_log
upstream prematurely closed connection while reading upstream
--- no_error_log
request handling failed

=== TEST 22: recursion stops at nginx's limit: 51 levels, then "lua subrequests cycle"
--- config
location /t { content_by_lua_block { local r = ngx.location.capture("/rec"); ngx.say(r.status, " ", #r.body) } }
location /rec { content_by_lua_block { local r = ngx.location.capture("/rec"); ngx.print(r.body, ".") } }
--- request
GET /t
--- response_body
200 50
--- error_log
lua subrequests cycle while processing "/rec", client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", subrequest: "/rec"
failed to issue subrequest: -1

=== TEST 23: HEAD, output then an error, ngx.exit with a 2xx, ngx.eof
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/lua", {method = ngx.HTTP_HEAD})
    ngx.say("head: ", r.status, " [", r.body, "] ", tostring(r.truncated))
    r = ngx.location.capture("/partial")
    ngx.say("partial: ", r.status, " [", r.body, "] ", tostring(r.truncated))
    r = ngx.location.capture("/exit201")
    ngx.say("exit201: ", r.status, " [", r.body, "] ", tostring(r.truncated))
    r = ngx.location.capture("/exit200")
    ngx.say("exit200: ", r.status, " [", r.body, "] ", tostring(r.truncated))
    r = ngx.location.capture("/eof")
    ngx.say("eof: ", r.status, " [", r.body, "] ", tostring(r.truncated))
} }
location /lua { content_by_lua_block { ngx.print("body") } }
location /partial { content_by_lua_block { ngx.say("partial"); ngx.flush(); error("late") } }
location /exit201 { content_by_lua_block { ngx.exit(201) } }
location /exit200 { content_by_lua_block { ngx.say("x") ngx.exit(200) } }
location /eof { content_by_lua_block { ngx.say("x") ngx.eof() ngx.say("y") } }
--- request
GET /t
--- response_body
head: 200 [] true
partial: 200 [partial
] true
exit201: 201 [] false
exit200: 200 [x
] false
eof: 200 [x
] false
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:28):1: late

=== TEST 24: a subrequest's output does not reach the client; the main request's headers stay its own
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/sub")
    ngx.header["X-Main"] = "m"
    ngx.print("main got ", r.body)
} }
location /sub { add_header X-Sub s; content_by_lua_block { ngx.status = 202; ngx.header["X-Lua-Sub"] = "1"; ngx.print("sub") } }
--- request
GET /t
--- error_code: 200
--- response_headers
X-Main: m
!X-Sub
!X-Lua-Sub
--- response_body chomp
main got sub

=== TEST 25: a large subrequest body is captured whole
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/big")
    ngx.say(#r.body, " ", r.body:sub(1, 3), " ", r.body:sub(-3))
} }
location /big { content_by_lua_block { for i = 1, 1000 do ngx.print(string.rep("x", 999), "\n") end ngx.print("end") } }
--- request
GET /t
--- response_body
1000003 xxx end
