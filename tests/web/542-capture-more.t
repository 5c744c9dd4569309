# More ngx.location.capture: many subrequests at once, captures from light threads, bodies sent
# through proxied subrequests, rewrite/try_files in subrequests; ngx.req.socket over a large body.

=== TEST 1: capture_multi with 200 subrequests returns them in order
--- config
location /t { content_by_lua_block {
    local list = {}
    for i = 1, 200 do list[i] = { "/n", { args = { i = i } } } end
    local results = { ngx.location.capture_multi(list) }
    local sum, ordered = 0, true
    for i, r in ipairs(results) do
        local n = tonumber(r.body)
        sum = sum + n
        if n ~= i * 2 then ordered = false end
    end
    ngx.say(#results, " ", sum, " ", tostring(ordered))
} }
location /n { content_by_lua_block { ngx.print(tonumber(ngx.var.arg_i) * 2) } }
--- request
GET /t
--- response_body
200 40200 true

=== TEST 2: captures from light threads run side by side
--- config
location /t { content_by_lua_block {
    ngx.update_time()
    local t0 = ngx.now()
    local function get(u) local r = ngx.location.capture(u) return r.body end
    local a = ngx.thread.spawn(get, "/slow?d=0.3")
    local b = ngx.thread.spawn(get, "/slow?d=0.3")
    local _, ra = ngx.thread.wait(a)
    local _, rb = ngx.thread.wait(b)
    ngx.update_time()
    local elapsed = ngx.now() - t0
    ngx.say(ra, " ", rb, " ", elapsed < 0.55 and "together" or ("elapsed " .. elapsed))
} }
location /slow { content_by_lua_block { ngx.sleep(tonumber(ngx.var.arg_d)) ngx.print("done") } }
--- request
GET /t
--- response_body
done done together

=== TEST 3: a POST capture sends the parent's body to a proxied location
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { echo_read_request_body; echo -n "backend got [$request_body] $request_method"; } }
--- config
location /t { content_by_lua_block {
    ngx.req.read_body()
    local r = ngx.location.capture("/p/x", { method = ngx.HTTP_POST })
    ngx.say(r.status, " ", r.body)
    r = ngx.location.capture("/p/x", { method = ngx.HTTP_PUT, body = "own body" })
    ngx.say(r.status, " ", r.body)
} }
location /p/ { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1/; }
--- request
POST /t
parent body
--- response_body
200 backend got [parent body] POST
200 backend got [own body] PUT

=== TEST 4: rewrite ... last and try_files inside a subrequest
--- files
>>> html/real.txt
real file
--- config
location /t { content_by_lua_block {
    local r = ngx.location.capture("/old/thing?q=1")
    ngx.say(r.status, " [", r.body, "]")
    r = ngx.location.capture("/try/x")
    ngx.say(r.status, " [", r.body, "]")
    r = ngx.location.capture("/try2/x")
    ngx.say(r.status, " [", r.body, "] ", tostring(r.truncated))
} }
location /old/ { rewrite ^/old/(.*)$ /new/$1 last; }
location /new/ { content_by_lua_block { ngx.print("new ", ngx.var.uri, " ", ngx.var.args) } }
location /try/ { try_files /nothing /real.txt; }
location /try2/ { try_files /nothing =404; }
--- request
GET /t
--- response_body
200 [new /new/thing q=1]
200 [real file
]
404 [] true

=== TEST 5: the body socket over a 1 MB body read in 4 KiB pieces
--- config
location /t { content_by_lua_block {
    local sock = ngx.req.socket()
    local parts, total = {}, 0
    while true do
        local data, err, partial = sock:receive(4096)
        if not data then
            if partial and #partial > 0 then parts[#parts+1] = partial; total = total + #partial end
            ngx.say("end: ", err)
            break
        end
        parts[#parts+1] = data
        total = total + #data
    end
    local body = table.concat(parts)
    ngx.say(total, " ", ngx.md5(body) == ngx.md5(string.rep("0123456789abcdef", 65536)) and "same" or "different")
} }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 1048576\r\n\r\n\{0123456789abcdef*65536}
--- response_body
end: closed
1048576 same

=== TEST 6: share_all_vars shares the variables while the subrequests run
--- config
location /t {
    set $dog "bark";
    content_by_lua_block {
        local a, b, c = ngx.location.capture_multi{
            { "/set", { share_all_vars = true } },
            { "/read", { share_all_vars = true } },
            { "/read", { copy_all_vars = true } },
        }
        ngx.say(a.body, " ", b.body, " ", c.body, " parent=", ngx.var.dog)
    }
}
location /set { content_by_lua_block { ngx.var.dog = "one"; ngx.sleep(0.05); ngx.print("set") } }
location /read { content_by_lua_block { ngx.sleep(0.02); ngx.print("read=", ngx.var.dog) } }
--- request
GET /t
--- response_body
set read=one read=bark parent=one
