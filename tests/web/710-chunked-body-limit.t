# client_max_body_size for a chunked request body that is read (not discarded): a chunk that
# would take the body past the limit is refused before its data, with 413 and nginx's line.

=== TEST 1: ngx.req.read_body over the limit: 413 and the received+chunk sizes
--- config
client_max_body_size 10;
location /t { content_by_lua_block { ngx.req.read_body() ngx.say(ngx.req.get_body_data()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n8\r\n12345678\r\n0\r\n\r\n
--- error_code: 413
--- error_page: 413
--- response_headers
Connection: close
--- error_log
client intended to send too large chunked body: 5+8 bytes, client: 127.0.0.1, server: localhost, request: "POST /t HTTP/1.1", host: "localhost"

=== TEST 2: a body of exactly the limit is accepted
--- config
client_max_body_size 10;
location /t { content_by_lua_block { ngx.req.read_body() ngx.say(ngx.req.get_body_data()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\n12345\r\n0\r\n\r\n
--- error_code: 200
--- response_body
hello12345
--- no_error_log
too large

=== TEST 3: a single chunk over the limit: 0+N
--- config
client_max_body_size 10;
location /t { content_by_lua_block { ngx.req.read_body() ngx.say(ngx.req.get_body_data()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nb;ext=1\r\nhello world\r\n0\r\n\r\n
--- error_code: 413
--- error_log
client intended to send too large chunked body: 0+11 bytes

=== TEST 4: the location's limit applies, not the server's
--- config
client_max_body_size 100;
location /t { client_max_body_size 3; content_by_lua_block { ngx.req.read_body() ngx.say(ngx.req.get_body_data()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n
--- error_code: 413
--- error_log
client intended to send too large chunked body: 2+2 bytes

=== TEST 5: client_max_body_size 0 means no limit
--- config
client_max_body_size 4;
location /t { client_max_body_size 0; content_by_lua_block { ngx.req.read_body() ngx.say(#ngx.req.get_body_data()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n8\r\n01234567\r\n0\r\n\r\n
--- error_code: 200
--- response_body
16

=== TEST 6: proxy_pass reads the body first: 413 and the upstream is never contacted
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend\n"; } }
--- config
client_max_body_size 4;
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n
--- error_code: 413
--- error_log
client intended to send too large chunked body: 3+3 bytes

=== TEST 7: a discarded body (return) is still not held to the limit
--- config
client_max_body_size 4;
location /t { return 200 "ok\n"; }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n0\r\n\r\n
--- error_code: 200
--- response_body
ok
--- no_error_log
too large

=== TEST 8: lua_need_request_body over the limit
--- config
client_max_body_size 4;
lua_need_request_body on;
location /t { content_by_lua_block { ngx.say("body: ", ngx.req.get_body_data()) } }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n0\r\n\r\n
--- error_code: 413
--- error_log
client intended to send too large chunked body: 0+8 bytes
