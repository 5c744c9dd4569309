# upstream blocks: smooth weighted round robin, backup and down servers, failure accounting,
# proxy_next_upstream, hash / ip_hash / least_conn, and the block's configuration errors.

=== TEST 1: round robin over two servers
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "a\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
GET /3
GET /4
--- response_bodies
a
b
a
b

=== TEST 2: weights follow nginx's smooth weighted round robin
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1 weight=3; server 127.0.0.1:$TEST_NGINX_PORT_2 weight=2; server 127.0.0.1:$TEST_NGINX_PORT_3; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "a\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_3; location / { return 200 "c\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
GET /3
GET /4
GET /5
GET /6
GET /7
--- response_bodies
a
b
a
c
b
a
a

=== TEST 3: a down server is never used
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1 down; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "a\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
GET /3
--- response_bodies
b
b
b

=== TEST 4: a refused server is skipped within the request (next upstream on error)
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_3; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b $upstream_addr\n"; } }
--- config
location / { proxy_pass http://u; add_header X-Upstream "$upstream_addr $upstream_status"; }
--- request
GET /t
--- error_code: 200
--- response_headers
X-Upstream: 127.0.0.1:$TEST_NGINX_PORT_3, 127.0.0.1:$TEST_NGINX_PORT_2 502, 200
--- error_log
connect() failed (111: Connection refused) while connecting to upstream
upstream server temporarily disabled while connecting to upstream

=== TEST 5: a failed server stays out for fail_timeout (max_fails=1)
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_3; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- config
location / { proxy_pass http://u; add_header X-Upstream $upstream_addr; }
--- requests
GET /1
GET /2
GET /3
--- response_bodies
b
b
b

=== TEST 6: max_fails=0 never disables a server: every request tries it again
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_3 max_fails=0; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "$http_x_n\n"; } }
--- config
location / { proxy_pass http://u; }
--- request
GET /t
--- error_code: 200
--- no_error_log
upstream server temporarily disabled

=== TEST 7: all servers failing: 502, then "no live upstreams"
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_3; server 127.0.0.1:$TEST_NGINX_PORT_4; }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_statuses
502 502
--- error_log
no live upstreams while connecting to upstream, client: 127.0.0.1, server: localhost, request: "GET /2 HTTP/1.1", upstream: "http://u/2", host: "localhost"

=== TEST 8: the backup server answers when the primary ones fail
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_3; server 127.0.0.1:$TEST_NGINX_PORT_2 backup; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "backup\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_bodies
backup
backup

=== TEST 9: the backup server is idle while a primary works
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1; server 127.0.0.1:$TEST_NGINX_PORT_2 backup; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "primary\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "backup\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_bodies
primary
primary

=== TEST 10: a single server is never marked down: each request tries it
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_3; }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
--- response_statuses
502 502
--- no_error_log
no live upstreams

=== TEST 11: proxy_next_upstream http_500 moves on to the next server
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 500 "a failed\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- config
location / { proxy_next_upstream error http_500; proxy_pass http://u; add_header X-S $upstream_status; }
--- request
GET /t
--- error_code: 200
--- response_body
b
--- response_headers
X-S: 500, 200

=== TEST 12: without http_500 the backend's 500 is passed on
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 500 "a failed\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- config
location / { proxy_pass http://u; }
--- request
GET /t
--- error_code: 500
--- response_body
a failed

=== TEST 13: the last server's matching status is passed on as it is
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_1; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 503 "a busy\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 503 "b busy\n"; } }
--- config
location / { proxy_next_upstream http_503; proxy_pass http://u; }
--- request
GET /t
--- error_code: 503
--- response_body
b busy

=== TEST 14: proxy_next_upstream off: a refused server is final
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_3; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- config
location / { proxy_next_upstream off; proxy_pass http://u; }
--- request
GET /t
--- error_code: 502

=== TEST 15: proxy_next_upstream_tries 1 stops after the first try
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_PORT_3; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- config
location / { proxy_next_upstream_tries 1; proxy_pass http://u; }
--- request
GET /t
--- error_code: 502

=== TEST 16: a POST already sent is not retried after a timeout (non_idempotent not set)
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- backend
read
wait
--- config
location / { proxy_read_timeout 200ms; proxy_pass http://u; }
--- request
POST /t
data
--- error_code: 504

=== TEST 17: with non_idempotent the POST goes to the next server
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- backend
read
wait
--- config
location / { proxy_read_timeout 200ms; proxy_next_upstream error timeout non_idempotent; proxy_pass http://u; }
--- request
POST /t
data
--- error_code: 200
--- response_body
b

=== TEST 18: a GET is retried on the next server after a timeout
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- backend
read
wait
--- config
location / { proxy_read_timeout 200ms; proxy_pass http://u; add_header X-S $upstream_status; }
--- request
GET /t
--- error_code: 200
--- response_headers
X-S: 504, 200

=== TEST 19: invalid_header in proxy_next_upstream retries a garbage answer
--- http_config
upstream u { server 127.0.0.1:$TEST_NGINX_BACKEND_PORT; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- backend
read
send HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n
--- config
location / { proxy_next_upstream error invalid_header; proxy_pass http://u; }
--- request
GET /t
--- error_code: 200
--- response_body
b

=== TEST 20: hash $arg_k sends equal keys to the same server, as nginx spreads them
--- http_config
upstream u { hash $arg_k; server 127.0.0.1:$TEST_NGINX_PORT_1; server 127.0.0.1:$TEST_NGINX_PORT_2; server 127.0.0.1:$TEST_NGINX_PORT_3; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "a\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_3; location / { return 200 "c\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /?k=alpha
GET /?k=beta
GET /?k=gamma
GET /?k=delta
GET /?k=epsilon
GET /?k=alpha
GET /?k=zeta
GET /?k=eta
--- response_bodies
b
b
a
c
b
b
c
c

=== TEST 21: ip_hash sends one client to one server
--- http_config
upstream u { ip_hash; server 127.0.0.1:$TEST_NGINX_PORT_1; server 127.0.0.1:$TEST_NGINX_PORT_2; server 127.0.0.1:$TEST_NGINX_PORT_3; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "a\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_3; location / { return 200 "c\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
GET /3
--- response_bodies
c
c
c

=== TEST 22: least_conn with idle servers goes round robin by weight
--- http_config
upstream u { least_conn; server 127.0.0.1:$TEST_NGINX_PORT_1 weight=2; server 127.0.0.1:$TEST_NGINX_PORT_2; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "a\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /1
GET /2
GET /3
GET /4
GET /5
GET /6
--- response_bodies
a
b
a
a
b
a

=== TEST 23: hash with a failing server moves the key to another one
--- http_config
upstream u { hash $arg_k; server 127.0.0.1:$TEST_NGINX_PORT_4; server 127.0.0.1:$TEST_NGINX_PORT_2; server 127.0.0.1:$TEST_NGINX_PORT_3; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_2; location / { return 200 "b\n"; } }
server { listen 127.0.0.1:$TEST_NGINX_PORT_3; location / { return 200 "c\n"; } }
--- config
location / { proxy_pass http://u; }
--- requests
GET /?k=alpha
GET /?k=beta
GET /?k=gamma
GET /?k=delta
--- response_bodies
b
b
c
c

