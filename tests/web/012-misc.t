# Mixed core behaviour: listen forms, default servers per address, index with alias, types
# via include, keepalive and HEAD details, and more variables.

=== TEST 1: listen on *:port serves 127.0.0.1
--- full_config
daemon off; master_process off; error_log logs/error.log info; pid logs/nginx.pid;
events {}
http {
    server { listen *:$TEST_NGINX_SERVER_PORT; location / { return 200 "wildcard\n"; } }
}
--- request
GET /
--- response_body
wildcard

=== TEST 2: listen with only a port
--- full_config
daemon off; master_process off; error_log logs/error.log info; pid logs/nginx.pid;
events {}
http {
    server { listen $TEST_NGINX_SERVER_PORT; location / { return 200 "port only\n"; } }
}
--- request
GET /
--- response_body
port only

=== TEST 3: a specific address beats the wildcard on the same port
--- full_config
daemon off; master_process off; error_log logs/error.log info; pid logs/nginx.pid;
events {}
http {
    server { listen *:$TEST_NGINX_SERVER_PORT; location / { return 200 "wildcard\n"; } }
    server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; location / { return 200 "specific\n"; } }
}
--- request
GET /
--- response_body
specific

=== TEST 4: alias with index
--- config
location /docs/ { alias $TEST_NGINX_PREFIX/documentation/; }
--- files
>>> documentation/index.html
docs home
--- request
GET /docs/
--- response_body
docs home

=== TEST 5: types from an included file
--- http_config
include mime.types;
--- files
>>> conf/mime.types
types {
    application/json json;
    text/css css;
}
>>> html/data.json
{}
--- request
GET /data.json
--- response_headers
Content-Type: application/json

=== TEST 6: an empty types block makes everything default_type
--- config
types { }
default_type application/x-default;
--- files
>>> html/a.html
x
--- request
GET /a.html
--- response_headers
Content-Type: application/x-default

=== TEST 7: extension matching in types ignores case
--- config
types { text/x-upper up; }
--- files
>>> html/f.UP
x
--- request
GET /f.UP
--- response_headers
Content-Type: text/x-upper

=== TEST 8: HEAD on a 404 has the page's length but no body
--- request
HEAD /missing
--- error_code: 404
--- response_headers
Content-Type: text/html

=== TEST 9: absolute_redirect off keeps the directory redirect relative
--- config
absolute_redirect off;
--- files
>>> html/dir/index.html
x
--- request
GET /dir
--- error_code: 301
--- response_headers
Location: /dir/

=== TEST 10: $request_length counts the request head
--- http_config
log_format len '$request_length';
--- config
access_log logs/access.log len;
location / { return 200 "ok\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- access_log
54

=== TEST 11: $binary_remote_addr is four bytes for IPv4
--- config
location / { set $b $binary_remote_addr; return 200 "ok\n"; }
--- request
GET /
--- error_code: 200

=== TEST 12: server-level root applies to locations without one
--- config
root $TEST_NGINX_PREFIX/site;
location /x/ { }
--- files
>>> site/x/a.txt
site file
--- request
GET /x/a.txt
--- response_body
site file

=== TEST 13: http-level root is inherited
--- http_config
root $TEST_NGINX_PREFIX/top;
--- files
>>> top/t.txt
top file
--- request
GET /t.txt
--- response_body
top file

=== TEST 14: index files with a query string keep it
--- config
location = /index.html { return 200 "args=$args\n"; }
--- files
>>> html/index.html
x
--- request
GET /?q=1
--- response_body
args=q=1

=== TEST 15: an HTTP/1.0 request gets an HTTP/1.1 status line
--- config
location / { return 200 "ok\n"; }
--- raw_request
GET / HTTP/1.0\r\n\r\n
--- status_line: HTTP/1.1 200 OK

=== TEST 16: a status with no reason phrase
--- config
location / { return 299; }
--- request
GET /
--- status_line: HTTP/1.1 299 

=== TEST 17: a 401 page
--- config
location / { return 401; }
--- request
GET /
--- error_code: 401
--- error_page: 401

=== TEST 18: a 412 page
--- config
location / { return 412; }
--- request
GET /
--- error_code: 412
--- error_page: 412

=== TEST 19: return 408 closes the connection without a response
--- config
location / { return 408; }
--- request
GET /
--- no_response

=== TEST 20: a request without Host matches server_name ""
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name ""; return 200 "empty name\n"; }
--- config
return 200 "localhost\n";
--- raw_request
GET / HTTP/1.0\r\n\r\n
--- response_body
empty name

=== TEST 21: server_name "" matches a Host-less request even when it is not the default
--- config
server_name localhost;
return 200 "localhost\n";
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name named.example; return 200 "named\n"; }
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name ""; return 200 "empty name\n"; }
--- raw_request
GET / HTTP/1.0\r\n\r\n
--- response_body
empty name

=== TEST 22: several workers serve
--- full_config
daemon off; master_process on; worker_processes 2; error_log logs/error.log info; pid logs/nginx.pid;
events { worker_connections 64; }
http {
    server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; location / { return 200 "workers\n"; } }
}
--- request
GET /
--- response_body
workers

=== TEST 23: worker_processes auto
--- full_config
daemon off; master_process off; worker_processes auto; error_log logs/error.log info; pid logs/nginx.pid;
events {}
http {
    server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; location / { return 200 "auto\n"; } }
}
--- request
GET /
--- response_body
auto
