# ngx.req.socket: the request body read in pieces (receive with counts, "*l", "*a", receiveany,
# receiveuntil), the end of the body reading as "closed", and ngx_lua's refusals ("no body",
# chunked bodies, "request body already exists", subrequests); ngx.req.socket(true), the raw
# connection: a response written by hand, after the head (ngx.send_headers + ngx.flush(true)),
# "duplicate call", "http 1.0 buffering".

=== TEST 1: body mode: counts, lines, receiveuntil, then "closed" with the rest as partial
--- config
location /t { content_by_lua_block {
    local sock, err = ngx.req.socket()
    if not sock then ngx.say("err: ", err) return end
    ngx.say("type ", type(sock), " #", #sock)
    local function show(label, a, e, p) ngx.say(label, ": ", tostring(a), " ", tostring(e), " ", tostring(p)) end
    show("3", sock:receive(3))
    show("l", sock:receive("*l"))
    local it = sock:receiveuntil("--")
    show("u", it())
    show("100", sock:receive(100))
    show("u2", it())
    show("again", sock:receive(1))
    show("any", sock:receiveany(10))
} }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 24\r\n\r\nabcdef\r\nline2--rest of b
--- response_body
type table #1
3: abc nil nil
l: def nil nil
u: line2 nil nil
100: nil closed rest of b
u2: nil closed nil
again: nil closed nil
any: nil closed nil
--- error_log
attempt to receive data on a closed socket: u:
ft:0 eof:1, client: 127.0.0.1, server: localhost, request: "POST /t HTTP/1.1", host: "localhost"

=== TEST 2: the method table of a body socket
--- config
location /t { content_by_lua_block {
    local sock = ngx.req.socket()
    local keys = {}
    for k in pairs(getmetatable(sock).__index) do keys[#keys+1] = k end
    table.sort(keys)
    ngx.say(table.concat(keys, ","))
    ngx.say(pcall(function() return sock:close() end))
    ngx.say(pcall(function() return sock:send("x") end))
} }
--- request
POST /t
hello
--- response_body_like
^__index,receive,receiveany,receiveuntil,settimeout,settimeouts
false.*attempt to call method 'close' \(a nil value\)
false.*attempt to call method 'send' \(a nil value\)

=== TEST 3: "*a" reads to the end of the body, then "" again; a line after that is "closed" with ""
--- config
location /t { content_by_lua_block {
    local sock = ngx.req.socket()
    local function show(label, a, e, p) ngx.say(label, ": [", tostring(a), "] ", tostring(e), " [", tostring(p), "]") end
    show("a", sock:receive("*a"))
    show("a2", sock:receive("*a"))
    show("l", sock:receive("*l"))
    ngx.say("body data: ", tostring(ngx.req.get_body_data()))
} }
--- request
POST /t
hello world
--- response_body
a: [hello world] nil [nil]
a2: [] nil [nil]
l: [nil] closed []
body data: nil

=== TEST 4: a request without a body
--- config
location /t { content_by_lua_block { ngx.say(ngx.req.socket()) } }
--- request
GET /t
--- response_body
nilno body

=== TEST 5: a Content-Length of 0 is "no body"
--- config
location /t { content_by_lua_block { ngx.say(ngx.req.socket()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n
--- response_body
nilno body

=== TEST 6: a chunked body is refused in body mode
--- config
location /t { content_by_lua_block { ngx.say(ngx.req.socket()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n
--- response_body
nilchunked request bodies not supported yet

=== TEST 7: after ngx.req.read_body the body exists
--- config
location /t { content_by_lua_block { ngx.req.read_body(); ngx.say(ngx.req.socket()) } }
--- request
POST /t
hello
--- response_body
nilrequest body already exists

=== TEST 8: after ngx.req.discard_body there is no body
--- config
location /t { content_by_lua_block { ngx.req.discard_body(); ngx.say(ngx.req.socket()) } }
--- request
POST /t
hello
--- response_body
nilno body

=== TEST 9: a second call, and ngx.req.read_body after the socket took the body
--- config
location /t { content_by_lua_block {
    local s1 = ngx.req.socket()
    ngx.say(ngx.req.socket())
    ngx.say(s1:receive(2))
    ngx.req.read_body()
    ngx.say("after read_body: ", tostring(ngx.req.get_body_data()))
    ngx.say(s1:receive(3))
} }
--- request
POST /t
hello
--- response_body
nilrequest body already exists
he
after read_body: nil
llo

=== TEST 10: argument errors; subrequests (also their header filters) are refused first
--- config
location /t { content_by_lua_block {
    ngx.say(pcall(ngx.req.socket, 1, 2))
    ngx.say(pcall(ngx.req.socket, false))
    local r = ngx.location.capture("/inner")
    ngx.print(r.body)
    r = ngx.location.capture("/hf")
    ngx.say(r.header["X-E"])
} }
location /inner { content_by_lua_block { ngx.say(pcall(ngx.req.socket)) } }
location /hf { return 200 "x\n"; header_filter_by_lua_block { local ok, e = pcall(ngx.req.socket); ngx.header["X-E"] = e } }
--- request
GET /t
--- response_body
falseexpecting zero arguments, but got 2
truenilno body
falseattempt to read the request body in a subrequest
attempt to read the request body in a subrequest

=== TEST 11: receive's argument errors, settimeout
--- config
location /t { content_by_lua_block {
    local sock = ngx.req.socket()
    ngx.say(pcall(sock.receive, sock, "*x"))
    ngx.say(pcall(sock.receive, sock, -1))
    ngx.say(pcall(sock.receive, sock, 1, 2))
    ngx.say(pcall(sock.receiveany, sock, 0))
    ngx.say(pcall(sock.receiveuntil, sock, ""))
    ngx.say(pcall(sock.settimeout, sock))
    ngx.say(pcall(sock.settimeout, sock, -1))
    ngx.say(sock:settimeout(100))
    ngx.say(sock:receive("*a"))
} }
--- request
POST /t
hello
--- response_body
falsebad argument #2 to '?' (bad pattern argument)
falsebad argument #2 to '?' (bad pattern argument)
falseexpecting 1 or 2 arguments (including the object), but got 3
falsebad argument #2 to '?' (bad max argument)
truenilpattern is empty
falsengx.socket settimeout: expecting 2 arguments (including the object) but seen 1
falsebad timeout value

hello

=== TEST 12: a body that does not come in time: receiveany, then a read timing out with the partial data
--- config
location /t { content_by_lua_block {
    local sock = ngx.req.socket()
    sock:settimeout(300)
    ngx.say("any: ", sock:receiveany(4))
    ngx.say("10: ", sock:receive(10))
} }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 20\r\n\r\nabcdef
--- response_body
any: abcd
10: niltimeoutef
--- error_log
lua tcp socket read timed out, client: 127.0.0.1, server: localhost, request: "POST /t HTTP/1.1"

=== TEST 13: receiveuntil with a size and inclusive, over a multipart-like body
--- config
location /t { content_by_lua_block {
    local sock = ngx.req.socket()
    local it = sock:receiveuntil("\r\n--b")
    while true do
        local data, err, partial = it(4)
        if not data then ngx.say("end: ", tostring(err), " ", tostring(partial)) break end
        ngx.say("piece [", data, "]")
    end
    local it2 = sock:receiveuntil("--", { inclusive = true })
    ngx.say("inclusive [", it2(), "]")
    ngx.say("rest [", sock:receive("*a"), "]")
} }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 21\r\n\r\nhello world\r\n--bx--yz
--- response_body
piece [hell]
piece [o wo]
piece [rld]
end: nil nil
inclusive [x--]
rest [yz]

=== TEST 14: Expect: 100-continue is answered when the body is read through the socket
--- config
location /t { content_by_lua_block {
    local sock = ngx.req.socket()
    ngx.say(sock:receive(5))
} }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello
--- response_count: 2
--- check_response: 2
--- response_body
hello

=== TEST 15: keepalive: a body left partly unread is skipped, and the next request is served
--- config
location /t { content_by_lua_block {
    local sock = ngx.req.socket()
    ngx.say(sock:receive(2))
} }
location /next { return 200 "next\n"; }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
next

=== TEST 16: raw mode: a whole response written by hand; the methods of a raw socket
--- config
location /t { content_by_lua_block {
    local sock, err = ngx.req.socket(true)
    if not sock then ngx.say("err: ", err) return end
    local keys = {}
    for k in pairs(getmetatable(sock).__index) do keys[#keys+1] = k end
    table.sort(keys)
    local line = sock:receive("*l")
    local body = line .. " " .. table.concat(keys, ",")
    sock:send("HTTP/1.1 200 OK\r\nContent-Length: " .. #body .. "\r\nX-Raw: yes\r\n\r\n" .. body)
} }
--- raw_request
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\nfirst line\r\nmore
--- response_headers
X-Raw: yes
!Server
--- response_body chomp
first line __index,receive,receiveany,receiveuntil,send,settimeout,settimeouts

=== TEST 17: raw mode after ngx.send_headers and ngx.flush(true): the head, then raw bytes, then the close
--- config
location /t { content_by_lua_block {
    ngx.send_headers()
    ngx.flush(true)
    local sock, err = ngx.req.socket(true)
    if not sock then ngx.say("err: ", err) return end
    ngx.log(ngx.ERR, "send: ", sock:send("raw data\n"))
    ngx.say("dropped")
} }
--- request
GET /t
--- response_headers
Transfer-Encoding: chunked
--- response_body
raw data
--- error_log
send: 9

=== TEST 18: raw mode drops a head and output not yet on the wire
--- config
location /headers { content_by_lua_block {
    ngx.send_headers()
    local sock = ngx.req.socket(true)
    sock:send("raw\n")
} }
location /said { content_by_lua_block {
    ngx.say("hello")
    local sock = ngx.req.socket(true)
    sock:send("raw after say\n")
} }
location /flushed { content_by_lua_block {
    ngx.say("hello")
    ngx.flush(true)
    local sock = ngx.req.socket(true)
    sock:send("raw after say\n")
    ngx.say("after")
} }
--- requests
GET /headers
GET /said
GET /flushed
--- response_bodies
raw
raw after say
hello
raw after say

=== TEST 19: duplicate calls, a body socket after a raw one, "http 1.0 buffering"
--- config
location /dup { content_by_lua_block {
    local sock = ngx.req.socket(true)
    local s2, e2 = ngx.req.socket(true)
    local s3, e3 = ngx.req.socket()
    sock:send("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" .. tostring(e2) .. "|" .. tostring(e3))
} }
location /h10 {
    lua_http10_buffering on;
    content_by_lua_block {
        ngx.say("x")
        local sock, err = ngx.req.socket(true)
        ngx.log(ngx.ERR, "h10: ", tostring(sock), " ", tostring(err))
    }
}
--- requests
GET /dup
GET /h10 HTTP/1.0
--- response_bodies
duplicate call|request body already existsx
--- error_log
h10: nil http 1.0 buffering

=== TEST 20: raw mode in the access phase, a read timing out, send's argument errors
--- config
location /access {
    access_by_lua_block {
        local sock = ngx.req.socket(true)
        sock:send("HTTP/1.1 200 OK\r\n\r\nfrom access\n")
    }
    content_by_lua_block { ngx.say("content ran") }
}
location /closed { content_by_lua_block {
    local sock = ngx.req.socket(true)
    sock:settimeout(300)
    local d, e, p = sock:receive(10)
    ngx.log(ngx.ERR, "closed: ", tostring(d), " ", tostring(e), " ", tostring(p))
    local ok, e2 = pcall(sock.send, sock, {function() end})
    local ok2, e3 = pcall(sock.send, sock)
    sock:send({"HTTP/1.1 200 OK\r\n\r\n", e2, "|", e3, "|", 12, true and "" or ""})
} }
--- requests
GET /access
GET /closed
--- response_bodies chomp
from access
bad argument #2 to '?' (bad data type function found)|expecting 2 arguments (including the object), but got 1|12
--- error_log
closed: nil timeout , client: 127.0.0.1
