# error_page: URIs, named locations, status overrides, redirects; inheritance.

=== TEST 1: error_page to a URI keeps the error status
--- config
error_page 404 /404.txt;
location = /404.txt { return 200 "custom 404\n"; }
--- request
GET /missing
--- error_code: 404
--- response_body
custom 404

=== TEST 2: error_page with =200 changes the status
--- config
error_page 404 =200 /ok.txt;
location = /ok.txt { return 200 "fine\n"; }
--- request
GET /missing
--- error_code: 200
--- response_body
fine

=== TEST 3: error_page with = takes the page's status
--- config
error_page 404 = /page;
location = /page { return 201 "created\n"; }
--- request
GET /missing
--- error_code: 201
--- response_body
created

=== TEST 4: error_page to a URL redirects with 302
--- config
error_page 404 http://example.com/notfound;
--- request
GET /missing
--- error_code: 302
--- response_headers
Location: http://example.com/notfound

=== TEST 5: error_page to a URL with =301
--- config
error_page 404 =301 http://example.com/moved;
--- request
GET /missing
--- error_code: 301
--- response_headers
Location: http://example.com/moved

=== TEST 6: several codes in one error_page
--- config
error_page 500 502 503 504 /50x.txt;
location = /50x.txt { return 200 "oops\n"; }
location /t { return 503; }
--- request
GET /t
--- error_code: 503
--- response_body
oops

=== TEST 7: error_page from the http level is inherited
--- http_config
error_page 403 /forbidden.txt;
--- config
location = /forbidden.txt { return 200 "no entry\n"; }
location /t { return 403; }
--- request
GET /t
--- error_code: 403
--- response_body
no entry

=== TEST 8: a location's own error_page replaces the inherited ones
--- config
error_page 403 /forbidden.txt;
location = /forbidden.txt { return 200 "no entry\n"; }
location /t { error_page 404 /nf.txt; return 403; }
--- request
GET /t
--- error_code: 403
--- error_page: 403

=== TEST 9: an error inside the error page gives the built-in page (no recursion)
--- config
error_page 404 /missing-too;
--- request
GET /missing
--- error_code: 404
--- error_page: 404

=== TEST 10: error_page serving a static file
--- config
error_page 404 /errors/404.html;
--- files
>>> html/errors/404.html
<h1>not here</h1>
--- request
GET /missing
--- error_code: 404
--- response_headers
Content-Type: text/html
--- response_body
<h1>not here</h1>

=== TEST 11: error_page changes POST to GET for the page
--- config
error_page 405 = /method;
location = /method { return 200 "$request_method\n"; }
--- files
>>> html/p.txt
p
--- request
POST /p.txt
x
--- error_code: 200
--- response_body
GET

=== TEST 12: error_page for a return code with text does not apply
--- config
error_page 404 /page;
location = /page { return 200 "page\n"; }
location /t { return 404 "own text\n"; }
--- request
GET /t
--- error_code: 404
--- response_body
own text

=== TEST 13: error_page with a query string in the target
--- config
error_page 404 /page?from=404;
location = /page { return 200 "args=$args\n"; }
--- request
GET /missing
--- response_body
args=from=404

=== TEST 14: error_page for 405 to a named location
--- config
error_page 405 = @m;
location @m { return 200 "named\n"; }
--- files
>>> html/p.txt
p
--- request
DELETE /p.txt
--- error_code: 200
--- response_body
named
