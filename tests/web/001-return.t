# return: codes, text, URLs and the built-in pages (ngx_http_rewrite_module's return).

=== TEST 1: return 200 with text
--- config
location /t { return 200 "hello\n"; }
--- request
GET /t
--- error_code: 200
--- response_headers
Content-Type: text/plain
Content-Length: 6
--- response_body
hello

=== TEST 2: return text takes the type from the URI's extension
--- config
location /t.html { return 200 "<p>x</p>"; }
--- request
GET /t.html
--- response_headers
Content-Type: text/html
--- response_body chomp
<p>x</p>

=== TEST 3: return with no text and a 2xx code sends an empty typed body
--- config
location /t { return 200; }
--- request
GET /t
--- error_code: 200
--- response_headers
Content-Length: 0
Content-Type: text/plain
--- response_body chomp

=== TEST 4: return 204 has neither type nor length
--- config
location /t { return 204; }
--- request
GET /t
--- error_code: 204
--- response_headers
!Content-Type
!Content-Length

=== TEST 5: return 404 gives the built-in page
--- config
location /t { return 404; }
--- request
GET /t
--- error_code: 404
--- response_headers
Content-Type: text/html
--- error_page: 404

=== TEST 6: return 500 closes the connection
--- config
location /t { return 500; }
--- request
GET /t
--- more_headers
Connection: keep-alive
--- error_code: 500
--- response_headers
Connection: close
--- error_page: 500

=== TEST 7: return 503 page
--- config
location /t { return 503; }
--- request
GET /t
--- error_code: 503
--- error_page: 503

=== TEST 8: return 403 page
--- config
location /t { return 403; }
--- request
GET /t
--- error_code: 403
--- error_page: 403

=== TEST 9: return 301 with a relative URL is made absolute
--- config
location /t { return 301 /new; }
--- request
GET /t
--- error_code: 301
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/new
--- error_page: 301

=== TEST 10: return 302 relative URL without the port when port_in_redirect is off
--- config
port_in_redirect off;
location /t { return 302 /new; }
--- request
GET /t
--- error_code: 302
--- response_headers
Location: http://localhost/new
--- error_page: 302

=== TEST 11: return URL alone means 302
--- config
location /t { return http://example.com/x; }
--- request
GET /t
--- error_code: 302
--- response_headers
Location: http://example.com/x
--- error_page: 302

=== TEST 12: return 307 keeps an absolute URL
--- config
location /t { return 307 https://example.com/a?b=c; }
--- request
GET /t
--- error_code: 307
--- response_headers
Location: https://example.com/a?b=c
--- error_page: 307

=== TEST 13: return 308
--- config
location /t { return 308 http://x/; }
--- request
GET /t
--- error_code: 308
--- error_page: 308

=== TEST 14: return 303
--- config
location /t { return 303 http://x/; }
--- request
GET /t
--- error_code: 303
--- error_page: 303

=== TEST 15: return text with variables
--- config
location /t { return 200 "uri=$uri args=$args method=$request_method\n"; }
--- request
GET /t?a=1&b=2
--- response_body
uri=/t args=a=1&b=2 method=GET

=== TEST 16: return 404 with text sends the text, not the page
--- config
location /t { return 404 "gone\n"; }
--- request
GET /t
--- error_code: 404
--- response_body
gone

=== TEST 17: return 444 closes without a response
--- config
location /t { return 444; }
--- request
GET /t
--- no_response

=== TEST 18: return at server level applies to every location
--- config
return 200 "server\n";
location /t { return 200 "location\n"; }
--- request
GET /other
--- response_body
server

=== TEST 19: return 410 page
--- config
location /t { return 410; }
--- request
GET /t
--- error_code: 410
--- error_page: 410

=== TEST 20: return 302 with a relative URL that does not start with a slash stays as is
--- config
location /t { return 302 abc; }
--- request
GET /t
--- error_code: 302
--- response_headers
Location: abc

=== TEST 21: HEAD gets headers only
--- config
location /t { return 200 "hello\n"; }
--- request
HEAD /t
--- error_code: 200
--- response_headers
Content-Length: 6
--- response_body chomp

=== TEST 22: escapes in quoted text
--- config
location /t { return 200 "a\tb\"c\\d\n"; }
--- request
GET /t
--- response_body_like
^a\tb"c\\d\n$

=== TEST 23: single-quoted text
--- config
location /t { return 200 'single $uri\n'; }
--- request
GET /t
--- response_body
single /t

=== TEST 24: ${var} braces
--- config
location /t { return 200 "[${uri}x]\n"; }
--- request
GET /t
--- response_body
[/tx]

=== TEST 25: return 429 page
--- config
location /t { return 429; }
--- request
GET /t
--- error_code: 429
--- error_page: 429

=== TEST 26: return 502 page
--- config
location /t { return 502; }
--- request
GET /t
--- error_code: 502
--- error_page: 502

=== TEST 27: return 504 page
--- config
location /t { return 504; }
--- request
GET /t
--- error_code: 504
--- error_page: 504

=== TEST 28: 302 status line says Moved Temporarily
--- config
location /t { return 302 http://x/; }
--- request
GET /t
--- status_line: HTTP/1.1 302 Moved Temporarily
