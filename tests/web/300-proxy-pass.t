# proxy_pass: the URI sent upstream (with and without a URI part, regex locations, variables),
# the request headers nginx sends, and the response passed back.

=== TEST 1: proxy_pass without a URI part passes the client's URI unchanged
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
--- request
GET /t/a%20b?x=1&y=2
--- error_code: 200
--- response_body
backend /t/a%20b?x=1&y=2

=== TEST 2: a URI part replaces the location prefix
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
location /a/ { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1/x/; }
--- request
GET /a/b/c?q=1
--- response_body
backend /x/b/c?q=1

=== TEST 3: a URI part of "/" strips the prefix
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
location /api/ { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1/; }
--- request
GET /api/users/7
--- response_body
backend /users/7

=== TEST 4: a URI part with an escaped client URI is escaped again
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
location /a/ { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1/x/; }
--- request
GET /a/b%20c%3Fd
--- response_body
backend /x/b%20c%3Fd

=== TEST 5: proxy_pass with variables sends the URI it names, without the arguments
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
location ~ ^/re/(.*)$ { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1/r/$1; }
--- request
GET /re/zz?q=1
--- response_body
backend /r/zz

=== TEST 6: proxy_pass with variables and no URI part passes the client's URI
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
set $backend 127.0.0.1:$TEST_NGINX_PORT_1;
location /v { proxy_pass http://$backend; }
--- request
GET /v/w?z=9
--- response_body
backend /v/w?z=9

=== TEST 7: a regex location without a URI part passes the URI
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
location ~ \.php$ { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
--- request
GET /dir/index.php?a=b
--- response_body
backend /dir/index.php?a=b

=== TEST 8: after a rewrite the changed URI is sent, with the arguments
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "backend $request_uri\n"; } }
--- config
location /old/ { rewrite ^/old/(.*)$ /new/$1 break; proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
--- request
GET /old/page?x=1
--- response_body
backend /new/page?x=1

=== TEST 9: the default request headers: Host is $proxy_host, Connection close, HTTP/1.0
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "$server_protocol host=$http_host conn=$http_connection ua=$http_user_agent\n"; } }
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
--- request
GET /t
--- more_headers
User-Agent: tester/1.0
--- response_body
HTTP/1.0 host=127.0.0.1:$TEST_NGINX_PORT_1 conn=close ua=tester/1.0

=== TEST 10: the exact request sent upstream
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t?a=1
--- more_headers
X-One: 1
X-Two: two
--- response_body
ok
--- backend_request
GET /t?a=1 HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_BACKEND_PORT\r\nConnection: close\r\nX-One: 1\r\nX-Two: two\r\n\r\n

=== TEST 11: proxy_set_header entries go first, replace the client's and the defaults, empty removes
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- config
location /t {
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header Host example.com;
    proxy_set_header X-Two "";
    proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT;
}
--- request
GET /t
--- more_headers
X-One: 1
X-Two: two
X-Real-IP: 10.0.0.1
--- backend_request
GET /t HTTP/1.0\r\nX-Real-IP: 127.0.0.1\r\nHost: example.com\r\nConnection: close\r\nX-One: 1\r\n\r\n

=== TEST 12: a request body is forwarded with its Content-Length
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
POST /t
hello=world
--- backend_request
POST /t HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_BACKEND_PORT\r\nConnection: close\r\nContent-Length: 11\r\n\r\nhello=world

=== TEST 13: a chunked request body goes upstream whole, with a Content-Length
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- config
location /t { proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- raw_request
POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n
--- response_body
ok
--- backend_request
POST /t HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_BACKEND_PORT\r\nConnection: close\r\nContent-Length: 11\r\n\r\nhello world

=== TEST 14: proxy_http_version 1.1 with keepalive headers cleared
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- config
location /t { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- more_headers
Keep-Alive: 300
TE: trailers
Upgrade: websocket
--- backend_request
GET /t HTTP/1.1\r\nHost: 127.0.0.1:$TEST_NGINX_BACKEND_PORT\r\n\r\n

=== TEST 15: proxy_method and proxy_set_body replace the method and the body
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- config
location /t { proxy_method PUT; proxy_set_body "name=$arg_n"; proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t?n=abc
--- backend_request
PUT /t?n=abc HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_BACKEND_PORT\r\nConnection: close\r\nContent-Length: 8\r\n\r\nname=abc

=== TEST 16: proxy_pass_request_headers off and proxy_pass_request_body off
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- config
location /t { proxy_pass_request_headers off; proxy_pass_request_body off; proxy_set_header Content-Length ""; proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
POST /t
secret
--- more_headers
X-One: 1
--- backend_request
POST /t HTTP/1.0\r\nHost: 127.0.0.1:$TEST_NGINX_BACKEND_PORT\r\nConnection: close\r\n\r\n

=== TEST 17: $proxy_add_x_forwarded_for appends the client address
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "xff=$http_x_forwarded_for\n"; } }
--- config
location /t { proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_pass http://127.0.0.1:$TEST_NGINX_PORT_1; }
--- request
GET /t
--- more_headers
X-Forwarded-For: 10.1.1.1
--- response_body
xff=10.1.1.1, 127.0.0.1

=== TEST 18: $proxy_host names the upstream; a port of 80 is left out
--- http_config
upstream backend { server 127.0.0.1:$TEST_NGINX_PORT_1; }
server { listen 127.0.0.1:$TEST_NGINX_PORT_1; location / { return 200 "host=$http_host\n"; } }
--- config
location /t { proxy_pass http://backend; }
--- request
GET /t
--- response_body
host=backend

=== TEST 19: a proxy_pass to a unix socket
--- http_config
server { listen unix:$TEST_NGINX_PREFIX/logs/b.sock; location / { return 200 "unix $request_uri host=$http_host\n"; } }
--- config
location /u/ { proxy_pass http://unix:$TEST_NGINX_PREFIX/logs/b.sock:/x/; }
--- request
GET /u/y
--- response_body
unix /x/y host=localhost

=== TEST 20: proxy_set_header inherited from the server level, replaced as a whole in a location
--- backend
read
send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n
--- config
proxy_set_header X-A a;
proxy_set_header X-B b;
location /t { proxy_set_header X-C c; proxy_pass http://127.0.0.1:$TEST_NGINX_BACKEND_PORT; }
--- request
GET /t
--- backend_request
GET /t HTTP/1.0\r\nX-C: c\r\nHost: 127.0.0.1:$TEST_NGINX_BACKEND_PORT\r\nConnection: close\r\n\r\n

=== TEST 21: proxy_pass with variables to an address with a bad port is a 500 with nginx's message
--- config
set $backend 127.0.0.1:99999;
location /v { proxy_pass http://$backend; }
--- request
GET /v
--- error_code: 500
--- error_log
[error]
invalid port in upstream "127.0.0.1:99999", client: 127.0.0.1

=== TEST 22: an IPv6 upstream in proxy_pass (the connect goes through the worker's own connect(2))
--- http_config
server { listen [::1]:$TEST_NGINX_PORT_1; location / { return 200 "v6 backend $request_uri $server_addr\n"; } }
--- config
location /t { proxy_pass http://[::1]:$TEST_NGINX_PORT_1; }
--- request
GET /t/a
--- error_code: 200
--- response_body
v6 backend /t/a ::1

=== TEST 23: an IPv6 peer in an upstream block, kept alive
--- http_config
server { listen [::1]:$TEST_NGINX_PORT_1; location / { return 200 "v6 peer $request_uri\n"; } }
upstream six { server [::1]:$TEST_NGINX_PORT_1; keepalive 4; }
--- config
location /u { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://six; }
--- request
GET /u/b
--- error_code: 200
--- response_body
v6 peer /u/b
