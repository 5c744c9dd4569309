# Client aborts with unread input in the way. nginx notices a close only when nothing the client
# sent is left unread in the socket: a request body the handler has not read hides the abort
# (nginx reads the head in client_header_buffer_size pieces, 1k; tidegate in up to 4k ones, so
# the two agree for bodies under about 1k and over 4k), bytes already read do not.

=== TEST 1: a large unread request body hides the abort: the handler runs to its end
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after sleep") }
}
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n\{a*100000}
--- abort_after_ms: 200
--- wait: 0.8
--- error_log
after sleep
--- no_error_log
client prematurely closed connection
--- access_log
"POST /t HTTP/1.1" 200

=== TEST 2: a pipelined request read with the aborted one does not hide the abort
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after sleep ", ngx.var.uri) }
}
--- raw_request
GET /t HTTP/1.1\r\nHost: localhost\r\n\r\nGET /t/second HTTP/1.1\r\nHost: localhost\r\n\r\n
--- abort_after_ms: 200
--- wait: 0.8
--- no_error_log
after sleep
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 3: the watch takes nothing: the body is there for ngx.req.read_body
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block {
        ngx.sleep(0.1)
        ngx.req.read_body()
        local body = ngx.req.get_body_data()
        ngx.say(#body, " ", body:sub(1, 5), " ", body:sub(-5))
    }
}
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 6000\r\n\r\nhello\{x*5990}world
--- response_body
6000 hello world

=== TEST 4: a small body that came with the head does not hide the abort
--- config
lua_check_client_abort on;
location /t {
    content_by_lua_block { ngx.sleep(0.6) ngx.log(ngx.ERR, "after sleep") }
}
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n0123456789
--- abort_after_ms: 200
--- wait: 0.8
--- no_error_log
after sleep
--- access_log
"POST /t HTTP/1.1" 499 0
