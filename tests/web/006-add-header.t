# add_header: success statuses only unless "always"; inheritance replaces; variables.

=== TEST 1: add_header on a 200
--- config
location /t { add_header X-Test yes; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Test: yes

=== TEST 2: add_header is skipped on 404
--- config
location /t { add_header X-Test yes; return 404; }
--- request
GET /t
--- error_code: 404
--- response_headers
!X-Test

=== TEST 3: add_header always applies on 404
--- config
location /t { add_header X-Test yes always; return 404; }
--- request
GET /t
--- error_code: 404
--- response_headers
X-Test: yes

=== TEST 4: add_header on a redirect
--- config
location /t { add_header X-R r; return 301 http://x/; }
--- request
GET /t
--- error_code: 301
--- response_headers
X-R: r

=== TEST 5: add_header with variables
--- config
location /t { add_header X-Uri "u=$uri"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Uri: u=/t

=== TEST 6: an empty value adds nothing
--- config
location /t { add_header X-Empty $arg_nope; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
!X-Empty

=== TEST 7: server-level add_header is inherited by a location without its own
--- config
add_header X-Server s;
location /t { return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Server: s

=== TEST 8: a location's add_header replaces the server's
--- config
add_header X-Server s;
location /t { add_header X-Loc l; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Loc: l
!X-Server

=== TEST 9: several add_header in one level
--- config
location /t { add_header X-A a; add_header X-B b; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-A: a
X-B: b

=== TEST 10: add_header on a static file
--- config
add_header Cache-Control no-cache;
--- files
>>> html/s.txt
s
--- request
GET /s.txt
--- response_headers
Cache-Control: no-cache

=== TEST 11: add_header on 500 needs always
--- config
location /t { add_header X-A a; add_header X-B b always; return 500; }
--- request
GET /t
--- error_code: 500
--- response_headers
!X-A
X-B: b

=== TEST 12: add_header on 204
--- config
location /t { add_header X-A a; return 204; }
--- request
GET /t
--- error_code: 204
--- response_headers
X-A: a

=== TEST 13: add_header from http level
--- http_config
add_header X-Http h;
--- config
location /t { return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Http: h

=== TEST 14: server_tokens off hides the version in the Server header and pages
--- config
server_tokens off;
location /t { return 404; }
--- request
GET /t
--- error_code: 404
--- error_page: 404
