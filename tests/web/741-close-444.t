# 444 (and 499, ngx.ERROR): nginx closes the connection without sending anything that was still
# held back. What already reached the client stays (the status logged is then the one sent).

=== TEST 1: return 444 closes without a response
--- config
location /t { return 444; }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 444 0

=== TEST 2: return 444 with text is an ordinary response with a bare status line
--- config
location /t { return 444 "text"; }
--- request
GET /t
--- status_line: HTTP/1.1 444 
--- response_body chomp
text
--- access_log
"GET /t HTTP/1.1" 444 4

=== TEST 3: ngx.exit(444) closes without a response
--- config
location /t { content_by_lua_block { ngx.exit(444) } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 444 0

=== TEST 4: ngx.exit(444) after ngx.say: the buffered output is dropped
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.exit(444) } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 444 0

=== TEST 5: ngx.exit(444) after ngx.send_headers: the head had not gone out yet
--- config
location /t { content_by_lua_block { ngx.send_headers() ngx.exit(444) } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 444 0

=== TEST 6: ngx.exit(444) after ngx.flush(true): the flushed part went out, the body is cut
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.flush(true) ngx.say("more") ngx.exit(444) } }
--- request
GET /t
--- response_truncated
--- error_code: 200
--- response_body
hello
--- access_log
"GET /t HTTP/1.1" 200 11

=== TEST 7: ngx.exit(444) after ngx.say and a sleep: still nothing sent
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.sleep(0.05) ngx.exit(444) } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 444 0

=== TEST 8: ngx.exit(444) after ngx.eof: the response was complete
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.eof() ngx.exit(444) } }
--- request
GET /t
--- response_body
hello
--- access_log
"GET /t HTTP/1.1" 200 16

=== TEST 9: ngx.exit(444) in access_by_lua
--- config
location /t { access_by_lua_block { ngx.exit(444) } content_by_lua_block { ngx.say("no") } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 444 0

=== TEST 10: ngx.exit(444) after output in rewrite_by_lua
--- config
location /t { rewrite_by_lua_block { ngx.say("x") ngx.exit(444) } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 444 0

=== TEST 11: ngx.status = 444 is an ordinary status
--- config
location /t { content_by_lua_block { ngx.status = 444 ngx.say("x") } }
--- request
GET /t
--- status_line: HTTP/1.1 444 
--- response_body
x
--- access_log
"GET /t HTTP/1.1" 444 12

=== TEST 12: ngx.exit(444) on a keepalive connection closes it
--- config
location /t { content_by_lua_block { ngx.exit(444) } }
--- request
GET /t
--- more_headers
Connection: keep-alive
--- response_closed

=== TEST 13: ngx.exit(ngx.ERROR) after ngx.say sends nothing; the status stays 200
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.exit(ngx.ERROR) } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 200 0

=== TEST 14: ngx.exit(ngx.ERROR) after ngx.flush(true) cuts the body
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.flush(true) ngx.exit(ngx.ERROR) } }
--- request
GET /t
--- response_truncated
--- response_body
hello
--- access_log
"GET /t HTTP/1.1" 200 11

=== TEST 15: ngx.exit(499) and return 499 close as 444 does
--- config
location /t { return 499; }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 16: ngx.exit(499) after ngx.say
--- config
location /t { content_by_lua_block { ngx.say("hello") ngx.exit(499) } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 499 0

=== TEST 17: ngx.exit(408) closes without a response
--- config
location /t { content_by_lua_block { ngx.exit(408) } }
--- request
GET /t
--- response_closed
--- access_log
"GET /t HTTP/1.1" 408 0

=== TEST 18: a large output handed to the connection before ngx.exit(444) went out; the rest is cut
--- config
location /t { content_by_lua_block { ngx.print(string.rep("a", 100000)) ngx.exit(444) } }
--- request
GET /t
--- response_truncated
--- error_code: 200
--- access_log
"GET /t HTTP/1.1" 200 100009
