# Keepalive: several requests on one connection, keepalive_requests, keepalive_timeout 0,
# Connection: close, HTTP/1.0 keep-alive, and errors that close the connection.

=== TEST 1: two pipelined requests on one connection
--- config
location / { return 200 "$uri\n"; }
--- raw_request
GET /one HTTP/1.1\r\nHost: localhost\r\n\r\nGET /two HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
/two

=== TEST 2: the first response says keep-alive
--- config
location / { return 200 "$uri\n"; }
--- raw_request
GET /one HTTP/1.1\r\nHost: localhost\r\n\r\nGET /two HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- check_response: 1
--- response_headers
Connection: keep-alive

=== TEST 3: keepalive_requests limits requests per connection
--- config
keepalive_requests 1;
location / { return 200 "$uri\n"; }
--- raw_request
GET /one HTTP/1.1\r\nHost: localhost\r\n\r\nGET /two HTTP/1.1\r\nHost: localhost\r\n\r\n
--- response_count: 1
--- response_headers
Connection: close

=== TEST 4: keepalive_timeout 0 disables keepalive
--- config
keepalive_timeout 0;
location / { return 200 "$uri\n"; }
--- raw_request
GET /one HTTP/1.1\r\nHost: localhost\r\n\r\nGET /two HTTP/1.1\r\nHost: localhost\r\n\r\n
--- response_count: 1
--- response_headers
Connection: close

=== TEST 5: the second keepalive_timeout value becomes a Keep-Alive header
--- config
keepalive_timeout 60 50;
location / { return 200 "$uri\n"; }
--- raw_request
GET /one HTTP/1.1\r\nHost: localhost\r\n\r\nGET /two HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- check_response: 1
--- response_headers
Keep-Alive: timeout=50

=== TEST 6: HTTP/1.0 with Connection: keep-alive stays open
--- config
location / { return 200 "$uri\n"; }
--- raw_request
GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /two HTTP/1.0\r\n\r\n
--- response_count: 2
--- check_response: 1
--- response_headers
Connection: keep-alive

=== TEST 7: a 400 closes the connection
--- config
location / { return 200 "$uri\n"; }
--- raw_request
get /one HTTP/1.1\r\nHost: localhost\r\n\r\nGET /two HTTP/1.1\r\nHost: localhost\r\n\r\n
--- response_count: 1
--- error_code: 400
--- response_headers
Connection: close

=== TEST 8: a request body is skipped before the next request
--- config
location / { return 200 "$uri\n"; }
--- raw_request
POST /one HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhelloGET /two HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
/two

=== TEST 9: a chunked body is skipped before the next request
--- config
location / { return 200 "$uri\n"; }
--- raw_request
POST /one HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /two HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
/two

=== TEST 10: $connection_requests counts requests on the connection
--- config
location / { return 200 "$connection_requests\n"; }
--- raw_request
GET /one HTTP/1.1\r\nHost: localhost\r\n\r\nGET /two HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- check_response: 2
--- response_body
2

=== TEST 11: a 404 keeps the connection alive
--- config
location /x { return 200 "x\n"; }
--- raw_request
GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\nGET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_count: 2
--- check_response: 2
--- response_body
x

=== TEST 12: Expect: 100-continue gets an interim response before the final one
--- config
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc
--- response_count: 2
--- check_response: 2
--- error_code: 200

=== TEST 13: an absolute-form URI selects the server by its host
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name abs.example; return 200 "abs\n"; }
--- config
return 200 "localhost\n";
--- raw_request
GET http://abs.example/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
abs

=== TEST 14: a head that stops half-way times out without an answer
--- config
client_header_timeout 1s;
location / { return 200 "ok\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: loc
--- timeout: 4
--- no_response
--- error_log
client timed out (110: Connection timed out) while reading client request headers

=== TEST 15: a request line that stops half-way times out
--- config
client_header_timeout 1s;
location / { return 200 "ok\n"; }
--- raw_request
GET /somewh
--- timeout: 4
--- no_response
--- error_log
client timed out (110: Connection timed out) while reading client request line
