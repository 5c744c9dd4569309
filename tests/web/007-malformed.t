# Malformed requests get nginx's answers: 400, 414, 494 (400 "Request Header Or Cookie Too
# Large"), 501, 505, and the info-level log lines nginx writes for them.

=== TEST 1: lowercase method
--- raw_request
get / HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400
--- error_page: 400
--- error_log
client sent invalid method while reading client request line

=== TEST 2: request without Host in HTTP/1.1
--- raw_request
GET / HTTP/1.1\r\n\r\n
--- error_code: 400
--- error_log
client sent HTTP/1.1 request without "Host" header while reading client request headers

=== TEST 3: HTTP/2.0 request line
--- raw_request
GET / HTTP/2.0\r\nHost: localhost\r\n\r\n
--- error_code: 505
--- error_page: 505
--- error_log
client sent invalid version while reading client request line

=== TEST 4: URI not starting with a slash
--- raw_request
GET x HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid request while reading client request line

=== TEST 5: .. above the root
--- raw_request
GET /../etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid request while reading client request line

=== TEST 6: Content-Length with Transfer-Encoding (smuggling)
--- config
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n
--- error_code: 400
--- error_log
client sent "Content-Length" and "Transfer-Encoding" headers at the same time while reading client request headers

=== TEST 7: unknown Transfer-Encoding
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n
--- error_code: 501
--- error_page: 501
--- error_log
client sent unknown "Transfer-Encoding": "gzip" while reading client request headers

=== TEST 8: invalid Content-Length
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid "Content-Length" header while reading client request headers

=== TEST 9: negative Content-Length
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n
--- error_code: 400

=== TEST 10: header line without a colon
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\nbad header\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid header line: "bad\x20..." while reading client request headers

=== TEST 11: bad chunked body
--- config
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n
--- error_code: 400
--- error_log
client sent invalid chunked body

=== TEST 12: a good chunked body is accepted
--- config
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n
--- error_code: 200
--- response_body
ok

=== TEST 13: Transfer-Encoding in HTTP/1.0
--- raw_request
POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n
--- error_code: 400
--- error_log
client sent HTTP/1.0 request with "Transfer-Encoding" header while reading client request headers

=== TEST 14: duplicate Host
--- raw_request
GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n
--- error_code: 400
--- error_log
client sent duplicate host header

=== TEST 15: invalid Host
--- raw_request
GET / HTTP/1.1\r\nHost: a/b\r\n\r\n
--- error_code: 400
--- error_log
client sent invalid host header

=== TEST 16: Host with ..
--- raw_request
GET / HTTP/1.1\r\nHost: a..b\r\n\r\n
--- error_code: 400

=== TEST 17: URI too long (414)
--- config
large_client_header_buffers 4 1k;
--- raw_request
GET /\{a*3000} HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 414
--- error_page: 414
--- error_log
client sent too long URI while reading client request line

=== TEST 18: a header line too long (400 Request Header Or Cookie Too Large)
--- config
large_client_header_buffers 4 1k;
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: \{b*3000}\r\n\r\n
--- error_code: 400
--- error_page: 494
--- error_log
client sent too long header line: "X-Big: bbbb

=== TEST 19: HTTP/0.9 request gets a bare body
--- config
location / { return 200 "nine\n"; }
--- raw_request
GET /\r\n
--- response_count: 1
--- check_response: 1
--- response_body_like
^nine\n$

=== TEST 20: leading empty lines before the request line are skipped
--- config
location / { return 200 "ok\n"; }
--- raw_request
\r\n\r\nGET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- error_code: 200

=== TEST 21: bad percent escape in the URI
--- raw_request
GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400

=== TEST 22: a header name with an invalid character is ignored
--- config
location / { return 200 "[$http_x_ok]\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\nX@Bad: 1\r\nX-Ok: fine\r\nConnection: close\r\n\r\n
--- error_code: 200
--- response_body
[fine]

=== TEST 23: header values are trimmed
--- config
location / { return 200 "[$http_x_pad]\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\nX-Pad:    spaced   \r\nConnection: close\r\n\r\n
--- response_body
[spaced]

=== TEST 24: bare LF line endings are accepted
--- config
location / { return 200 "lf\n"; }
--- raw_request
GET / HTTP/1.1\nHost: localhost\nConnection: close\n\n
--- error_code: 200
--- response_body
lf

=== TEST 25: a body larger than client_max_body_size is 413
--- config
client_max_body_size 10;
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\n\r\n01234567890123456789
--- error_code: 413
--- error_page: 413
--- error_log
client intended to send too large body: 20 bytes

=== TEST 26: duplicate Content-Length
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nab
--- error_code: 400

=== TEST 27: method with a digit is invalid
--- raw_request
G3T / HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400

=== TEST 28: HTTP/1.0 without Host is fine
--- config
location / { return 200 "ten\n"; }
--- raw_request
GET / HTTP/1.0\r\n\r\n
--- error_code: 200
--- response_headers
Connection: close

=== TEST 29: chunked body with extensions and trailers
--- config
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3;ext=1\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n
--- error_code: 200

=== TEST 30: garbage instead of a version
--- raw_request
GET / FOO/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400
