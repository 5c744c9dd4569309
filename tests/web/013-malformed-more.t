# More malformed and unusual request heads, each answered as nginx answers it.

=== TEST 1: a space inside the URI
--- config
location / { return 200 "[$uri]\n"; }
--- raw_request
GET /a b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- error_code: 400

=== TEST 2: an empty Host header in HTTP/1.1
--- config
location / { return 200 "[$host]\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n
--- error_code: 400

=== TEST 3: lines fill the client buffer and then one large buffer each
--- config
large_client_header_buffers 2 1k;
location / { return 200 "fits\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-A: \{a*900}\r\nX-B: \{b*900}\r\nX-C: \{c*900}\r\n\r\n
--- response_body
fits

=== TEST 19: one more line than the large buffers can hold
--- config
large_client_header_buffers 2 1k;
location / { return 200 "fits\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-A: \{a*900}\r\nX-B: \{b*900}\r\nX-C: \{c*900}\r\nX-D: \{d*900}\r\n\r\n
--- error_code: 400
--- error_page: 494

=== TEST 20: many small headers beyond the buffers' total
--- config
large_client_header_buffers 2 1k;
location / { return 200 "fits\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\n\{X-Header-Padding: 0123456789012345678901234567890123456789012345678901234567890123456789012345678\r\n*40}\r\n
--- error_code: 400

=== TEST 4: an unknown method is passed on (static answers 405)
--- raw_request
BREW /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- files
>>> html/index.html
x
--- error_code: 405

=== TEST 5: an unknown method with return
--- config
location / { return 200 "$request_method\n"; }
--- raw_request
BREW / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
BREW

=== TEST 6: a method with an underscore and dash
--- config
location / { return 200 "$request_method\n"; }
--- raw_request
MY_METH-OD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
MY_METH-OD

=== TEST 7: HTTP/1.1 with extra spaces between the parts
--- config
location / { return 200 "$uri\n"; }
--- raw_request
GET   /spaced   HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
/spaced

=== TEST 8: a header without a value
--- config
location / { return 200 "[$http_x_empty]\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: localhost\r\nX-Empty:\r\nConnection: close\r\n\r\n
--- response_body
[]

=== TEST 9: a lowercase http version
--- raw_request
GET / http/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400

=== TEST 10: HTTP/1.2 is served as 1.x
--- config
location / { return 200 "$server_protocol\n"; }
--- raw_request
GET / HTTP/1.2\r\nHost: localhost\r\nConnection: close\r\n\r\n
--- response_body
HTTP/1.2

=== TEST 11: Transfer-Encoding with different case
--- config
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: Chunked\r\nConnection: close\r\n\r\n0\r\n\r\n
--- error_code: 200

=== TEST 12: a chunk size too large for the body
--- config
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n
--- error_code: 400

=== TEST 13: a chunk without its trailing CRLF
--- config
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXX\r\n0\r\n\r\n
--- error_code: 400

=== TEST 14: a discarded chunked body is not held to client_max_body_size
--- config
client_max_body_size 4;
location / { return 200 "ok\n"; }
--- raw_request
POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n8\r\n01234567\r\n0\r\n\r\n
--- error_code: 200

=== TEST 15: %00 in the URI
--- raw_request
GET /a%00b HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400

=== TEST 16: an encoded dot-dot climbing above the root
--- raw_request
GET /%2e%2e/x HTTP/1.1\r\nHost: localhost\r\n\r\n
--- error_code: 400

=== TEST 17: a Host with a port only
--- config
location / { return 200 "[$host]\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: :80\r\nConnection: close\r\n\r\n
--- error_code: 400

=== TEST 18: a Host in brackets (IPv6)
--- config
location / { return 200 "[$host]\n"; }
--- raw_request
GET / HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n
--- response_body
[[::1]]
