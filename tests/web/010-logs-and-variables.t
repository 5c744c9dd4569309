# access_log with log_format and the core variables; error_log lines.

=== TEST 1: the combined format
--- config
location / { return 200 "ok\n"; }
--- request
GET /logged?x=1
--- more_headers
User-Agent: test-agent/1.0
Referer: http://ref.example/
--- access_log
127.0.0.1 - - [
] "GET /logged?x=1 HTTP/1.1" 200 3 "http://ref.example/" "test-agent/1.0"

=== TEST 2: a custom log_format
--- http_config
log_format mine '$request_method $uri $status $args';
--- config
access_log logs/access.log mine;
location / { return 201 "ok\n"; }
--- request
GET /custom?q=2
--- access_log
GET /custom 201 q=2

=== TEST 3: log_format with several strings is concatenated
--- http_config
log_format joined '$uri' ' | ' '$status';
--- config
access_log logs/access.log joined;
location / { return 200 "ok\n"; }
--- request
GET /j
--- access_log
/j | 200

=== TEST 4: escape=json
--- http_config
log_format js escape=json '{"ua":"$http_user_agent"}';
--- config
access_log logs/access.log js;
location / { return 200 "ok\n"; }
--- request
GET /
--- more_headers
User-Agent: a"b
--- access_log
{"ua":"a\"b"}

=== TEST 5: default escaping of quotes
--- http_config
log_format q '$http_user_agent';
--- config
access_log logs/access.log q;
location / { return 200 "ok\n"; }
--- request
GET /
--- more_headers
User-Agent: a"b
--- access_log
a\x22b

=== TEST 6: $arg_NAME
--- config
location / { return 200 "[$arg_a][$arg_b][$arg_missing]\n"; }
--- request
GET /?a=1&b=two
--- response_body
[1][two][]

=== TEST 7: $is_args and $args
--- config
location / { return 200 "[$is_args][$args]\n"; }
--- request
GET /?x=y
--- response_body
[?][x=y]

=== TEST 8: $is_args empty without a query
--- config
location / { return 200 "[$is_args][$args]\n"; }
--- request
GET /
--- response_body
[][]

=== TEST 9: $http_NAME with dashes
--- config
location / { return 200 "[$http_x_custom_header]\n"; }
--- request
GET /
--- more_headers
X-Custom-Header: value
--- response_body
[value]

=== TEST 10: $cookie_NAME
--- config
location / { return 200 "[$cookie_session][$cookie_other]\n"; }
--- request
GET /
--- more_headers
Cookie: session=abc; other=def
--- response_body
[abc][def]

=== TEST 11: $request and $server_protocol
--- config
location / { return 200 "$request|$server_protocol\n"; }
--- request
GET /r?a=b
--- response_body
GET /r?a=b HTTP/1.1|HTTP/1.1

=== TEST 12: $remote_addr, $server_addr, $scheme
--- config
location / { return 200 "$remote_addr $server_addr $scheme\n"; }
--- request
GET /
--- response_body
127.0.0.1 127.0.0.1 http

=== TEST 13: $server_port
--- config
location / { return 200 "$server_port\n"; }
--- request
GET /
--- response_body_like
^\d+\n$

=== TEST 14: $host from the Host header, lowercased
--- config
location / { return 200 "$host\n"; }
--- request
GET /
--- more_headers
Host: WWW.Example.COM:81
--- response_body
www.example.com

=== TEST 15: $http_host keeps the header as sent
--- config
location / { return 200 "$http_host\n"; }
--- request
GET /
--- more_headers
Host: WWW.Example.COM:81
--- response_body
WWW.Example.COM:81

=== TEST 16: $nginx_version
--- config
location / { return 200 "$nginx_version\n"; }
--- request
GET /
--- response_body
1.22.1

=== TEST 17: $content_length and $content_type
--- config
location / { return 200 "$content_length $content_type\n"; }
--- request
POST /
hello
--- more_headers
Content-Type: text/x-test
--- response_body
5 text/x-test

=== TEST 18: $status and $body_bytes_sent in the access log
--- http_config
log_format sizes '$status $body_bytes_sent';
--- config
access_log logs/access.log sizes;
location / { return 200 "12345\n"; }
--- request
GET /
--- access_log
200 6

=== TEST 19: access_log off writes nothing
--- config
access_log off;
location / { return 200 "ok\n"; }
--- request
GET /quiet
--- no_error_log
[error]

=== TEST 20: error log line format for a request error
--- request
GET /nothere
--- error_log
[error]
open() "
, client: 127.0.0.1, server: localhost, request: "GET /nothere HTTP/1.1", host: "localhost"

=== TEST 21: $request_method for HEAD
--- config
location / { add_header X-M $request_method; return 200 "x\n"; }
--- request
HEAD /
--- response_headers
X-M: HEAD

=== TEST 22: $msec and $time_iso8601 have their shapes
--- config
location / { return 200 "$msec $time_iso8601\n"; }
--- request
GET /
--- response_body_like
^\d+\.\d{3} \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d\n$

=== TEST 23: $request_uri keeps encoding
--- config
location / { return 200 "$request_uri\n"; }
--- request
GET /a%2Fb?c=%20
--- response_body
/a%2Fb?c=%20

=== TEST 24: $uri decodes %2F
--- config
location / { return 200 "$uri\n"; }
--- request
GET /a%2Fb
--- response_body
/a/b

=== TEST 25: a repeated ordinary header gives its first value
--- config
location / { return 200 "$http_x_multi\n"; }
--- request
GET /
--- more_headers
X-Multi: a
X-Multi: b
--- response_body
a

=== TEST 26: repeated Cookie headers join with "; "
--- config
location / { return 200 "$http_cookie\n"; }
--- request
GET /
--- more_headers
Cookie: a=1
Cookie: b=2
--- response_body
a=1; b=2

=== TEST 27: repeated X-Forwarded-For headers join with ", "
--- config
location / { return 200 "$http_x_forwarded_for\n"; }
--- request
GET /
--- more_headers
X-Forwarded-For: 1.1.1.1
X-Forwarded-For: 2.2.2.2
--- response_body
1.1.1.1, 2.2.2.2

=== TEST 28: a location's error_log receives its request errors
--- config
location /sub { error_log logs/sub.log; }
--- request
GET /sub/missing
--- error_code: 404
--- no_error_log
/html/sub/missing" failed
