# Upstream keepalive: one connection serves several requests, a connection the backend closed
# while idle is not reused, one closed under a request is retried, keepalive_requests.

=== TEST 1: keepalive reuses one upstream connection for sequential requests
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo
wait
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; keepalive 4; }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_bodies chomp
onetwo
--- backend_connections: 1

=== TEST 2: without keepalive each request opens a connection
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none
wait
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_bodies chomp
oneone
--- backend_connections: 2

=== TEST 3: a backend that closes an idle keepalive connection: the next request opens a new one
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none
sleep 0.1
close
next
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo
wait
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; keepalive 4; }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
--- request_pause: 1
--- response_bodies chomp
onetwo
--- backend_connections: 2
--- no_error_log
[error]

=== TEST 4: a pooled connection closed under the request is retried on a new connection
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none
read
close
next
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo
wait
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; keepalive 4; }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_bodies chomp
onetwo
--- response_statuses
200 200
--- backend_connections: 2
--- error_log
upstream prematurely closed connection while reading response header from upstream

=== TEST 5: a response with Connection: close is not kept
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\none
wait
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; keepalive 4; }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_bodies chomp
oneone
--- backend_connections: 2

=== TEST 6: an HTTP/1.0 response is not kept
--- backend
read
send HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\none
wait
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; keepalive 4; }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_bodies chomp
oneone
--- backend_connections: 2

=== TEST 7: keepalive_requests closes a connection after N requests
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo
wait
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; keepalive 4; keepalive_requests 2; }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
GET /3
--- response_bodies chomp
onetwoone
--- backend_connections: 2

=== TEST 8: a chunked response is kept alive once its last chunk is read
--- backend
read
send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\none\r\n0\r\n\r\n
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo
wait
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; keepalive 2; }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_bodies chomp
onetwo
--- backend_connections: 1

=== TEST 9: keepalive to a real server block over HTTP/1.1
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1; keepalive 2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "conn-requests=$connection_requests\n"; } }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
GET /3
--- response_bodies
conn-requests=1
conn-requests=2
conn-requests=3

=== TEST 10: a keepalive backend with keepalive_timeout closing idle connections
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1; keepalive 2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; keepalive_timeout 200ms; location / { return 200 "conn-requests=$connection_requests\n"; } }
--- config
location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://u; }
--- requests
GET /1
GET /2
--- request_pause: 0.5
--- response_bodies
conn-requests=1
conn-requests=1
--- no_error_log
[error]
