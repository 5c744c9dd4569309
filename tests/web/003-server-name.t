# Virtual server selection by Host: exact, leading wildcard, trailing wildcard, regex, default.

=== TEST 1: exact name
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name example.com; return 200 "example\n"; }
--- config
return 200 "default\n";
--- request
GET /
--- more_headers
Host: example.com
--- response_body
example

=== TEST 2: unknown host goes to the first server (the default)
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name example.com; return 200 "example\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: unknown.org
--- response_body
example

=== TEST 3: default_server overrides the first-defined rule
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name example.com; return 200 "example\n"; }
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT default_server; server_name other; return 200 "other\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: unknown.org
--- response_body
other

=== TEST 4: host matching ignores case and port
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name Example.COM; return 200 "example\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: EXAMPLE.com:8080
--- response_body
example

=== TEST 5: leading wildcard
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name *.example.com; return 200 "wild\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: a.b.example.com
--- response_body
wild

=== TEST 6: exact beats wildcard
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name *.example.com; return 200 "wild\n"; }
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name www.example.com; return 200 "exact\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: www.example.com
--- response_body
exact

=== TEST 7: longest leading wildcard wins
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name *.example.com; return 200 "short\n"; }
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name *.www.example.com; return 200 "long\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: a.www.example.com
--- response_body
long

=== TEST 8: trailing wildcard
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name www.example.*; return 200 "trailing\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: www.example.org
--- response_body
trailing

=== TEST 9: leading wildcard beats trailing wildcard
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name www.example.*; return 200 "trailing\n"; }
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name *.example.org; return 200 "leading\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: www.example.org
--- response_body
leading

=== TEST 10: regex name with captures
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name ~^(\w+)\.example\.net$; return 200 "regex $1\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: shop.example.net
--- response_body
regex shop

=== TEST 11: wildcard beats regex
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name ~example; return 200 "regex\n"; }
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name *.example.net; return 200 "wild\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: a.example.net
--- response_body
wild

=== TEST 12: dot-prefixed name matches the bare domain
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name .example.io; return 200 "dot\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: example.io
--- response_body
dot

=== TEST 13: dot-prefixed name matches subdomains
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name .example.io; return 200 "dot\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: x.example.io
--- response_body
dot

=== TEST 14: $server_name is the first name of the chosen server
--- config
server_name localhost alias.test;
location / { return 200 "$server_name $host\n"; }
--- request
GET /
--- more_headers
Host: Alias.Test
--- response_body
localhost alias.test

=== TEST 15: trailing dot in Host is ignored
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name example.com; return 200 "example\n"; }
--- config
return 200 "localhost\n";
--- request
GET /
--- more_headers
Host: example.com.
--- response_body
example

=== TEST 16: absolute-form request URI
--- config
location / { return 200 "$uri\n"; }
--- raw_request
GET http://localhost/abs/path HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
/abs/path
