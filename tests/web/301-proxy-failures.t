# Upstream failures, each with nginx's status and error-log line: refused, closed before or
# while answering, timing out, garbage, over-long and contradictory heads, bodies cut short.

=== TEST 1: a refused connection is 502 with nginx's connect() line
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
--- request
GET /t?a=1
--- error_code: 502
--- error_page: 502
--- error_log
connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET /t?a=1 HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_PORT_1/t?a=1", host: "localhost"

=== TEST 2: the backend closes without answering: 502, prematurely closed
--- backend
read
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 502
--- error_log
upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_BACKEND_PORT/t", host: "localhost"

=== TEST 3: the backend closes in the middle of the head
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Ty
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 502
--- error_log
upstream prematurely closed connection while reading response header from upstream

=== TEST 4: the backend closes in the middle of the status line
--- backend
read
send HTTP/1.
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 502
--- error_log
upstream prematurely closed connection while reading response header from upstream

=== TEST 5: a backend that never answers times out: 504
--- backend
read
wait
--- config
location /t { proxy_read_timeout 300ms; proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 504
--- error_page: 504
--- error_log
upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", upstream: "http://127.0.0.1:$TEST_NGINX_BACKEND_PORT/t", host: "localhost"

=== TEST 6: a reset while waiting for the head is 502
--- backend
read
reset
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 502
--- error_log
recv() failed (104: Connection reset by peer) while reading response header from upstream

=== TEST 7: garbage instead of a status line: passed on as an HTTP/0.9 response
--- backend
read
send garbage here\r\n\r\nmore
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_log
upstream sent no valid HTTP/1.0 header while reading response header from upstream
--- response_body_like
garbage here

=== TEST 8: a header line with a space in its name is an invalid header: 502
--- backend
read
send HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 502
--- error_log
upstream sent invalid header: "Bad\x20..." while reading response header from upstream

=== TEST 9: a head larger than proxy_buffer_size: too big header, 502
--- backend
read
send HTTP/1.1 200 OK\r\nX-Big: \{a*2000}\r\nX-Big2: \{b*2000}\r\n\r\n
close
--- config
location /t { proxy_buffer_size 1k; proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 502
--- error_log
upstream sent too big header while reading response header from upstream

=== TEST 10: a body cut short: the client gets what came, then the connection closes
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 200
--- response_headers
Content-Length: 10
--- response_body chomp
hello
--- error_log
upstream prematurely closed connection while reading upstream

=== TEST 11: a body that stalls times out while reading upstream; what was buffered is dropped
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello
wait
--- config
location /t { proxy_read_timeout 300ms; proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 200
--- response_headers
Content-Length: 10
--- response_body chomp
--- error_log
upstream timed out (110: Connection timed out) while reading upstream

=== TEST 12: of two Content-Length headers the last one counts
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 200
--- response_headers
Content-Length: 3
--- response_body chomp
ok
--- error_log
upstream prematurely closed connection while reading upstream

=== TEST 13: an unparsable Content-Length is ignored: the body runs to the close
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nok
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 200
--- response_headers
!Content-Length
Transfer-Encoding: chunked
--- response_body chomp
ok

=== TEST 14: a Transfer-Encoding other than chunked: the body runs to the close
--- backend
read
send HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nok
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 200
--- response_body chomp
ok

=== TEST 15: Content-Length and chunked at once: the chunks frame the body
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 200
--- response_headers
!Content-Length
--- response_body chomp
ok

=== TEST 16: a broken chunked body arriving with the head: the connection closes unanswered
--- backend
read
send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\nzz\r\n
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- no_response
--- error_log
upstream sent invalid chunked response while reading upstream

=== TEST 17: the backend's 502 passes through unchanged
--- backend
read
send HTTP/1.1 502 Bad Gateway\r\nContent-Length: 8\r\n\r\nbackend\n
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 502
--- response_body
backend

=== TEST 18: a header with a NUL in its value is invalid
--- backend
read
send HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n
close
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- error_code: 502
--- error_log
upstream sent invalid header

=== TEST 19: a refused connection shows in $upstream_status and $upstream_addr
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
location /e { internal; return 200 "addr=$upstream_addr status=$upstream_status\n"; }
error_page 502 /e;
--- request
GET /t
--- error_code: 502
--- response_body
addr=127.0.0.1:$TEST_NGINX_PORT_1 status=502

=== TEST 20: a timeout then error_page for 504
--- backend
read
wait
--- config
location /t { proxy_read_timeout 200ms; proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; error_page 504 = /fallback; }
location /fallback { return 200 "fallback after $upstream_status\n"; }
--- request
GET /t
--- error_code: 200
--- response_body
fallback after 504
