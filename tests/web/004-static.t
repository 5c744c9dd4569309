# Static files: root, alias, index, directories, types, ETag/Last-Modified, conditional
# requests and byte ranges.

=== TEST 1: a file under root
--- files
>>> html/a.txt
hello file
--- request
GET /a.txt
--- error_code: 200
--- response_headers
Content-Type: text/plain
Content-Length: 11
Accept-Ranges: bytes
--- response_headers_like
ETag: ^"[0-9a-f]+-b"$
Last-Modified: ^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$
--- response_body
hello file

=== TEST 2: a missing file is 404 with nginx's log line
--- request
GET /missing.txt
--- error_code: 404
--- error_page: 404
--- error_log
/html/missing.txt" failed (2: No such file or directory)

=== TEST 3: log_not_found off keeps the log quiet
--- config
log_not_found off;
--- request
GET /missing.txt
--- error_code: 404
--- no_error_log
failed (2: No such file or directory)

=== TEST 4: index file for a directory URI
--- files
>>> html/index.html
<p>index</p>
--- request
GET /
--- response_headers
Content-Type: text/html
--- response_body
<p>index</p>

=== TEST 5: index list tries in order
--- config
index nope.html second.txt;
--- files
>>> html/second.txt
second
--- request
GET /
--- response_body
second

=== TEST 6: a directory without an index is 403
--- files
>>> html/empty/.keep
x
--- request
GET /empty/
--- error_code: 403
--- error_page: 403
--- error_log
directory index of "

=== TEST 7: a missing directory is 404
--- request
GET /nodir/
--- error_code: 404
--- error_log
/html/nodir/index.html" is not found (2: No such file or directory)

=== TEST 8: a directory without the slash redirects
--- files
>>> html/dir/index.html
dir index
--- request
GET /dir
--- error_code: 301
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/dir/
--- error_page: 301

=== TEST 9: the redirect keeps the query string
--- files
>>> html/dir/index.html
dir index
--- request
GET /dir?a=1
--- error_code: 301
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/dir/?a=1

=== TEST 10: root in a location
--- config
location /static/ { root $TEST_NGINX_PREFIX/data; }
--- files
>>> data/static/s.txt
static
--- request
GET /static/s.txt
--- response_body
static

=== TEST 11: alias replaces the location prefix
--- config
location /files/ { alias $TEST_NGINX_PREFIX/data/; }
--- files
>>> data/f.txt
aliased
--- request
GET /files/f.txt
--- response_body
aliased

=== TEST 12: alias with a regex location and a capture
--- config
location ~ ^/img/(.+)$ { alias $TEST_NGINX_PREFIX/pics/$1; }
--- files
>>> pics/p.txt
picture
--- request
GET /img/p.txt
--- response_body
picture

=== TEST 13: types map extensions
--- config
types { application/x-test tst; text/css css; }
--- files
>>> html/a.tst
t
--- request
GET /a.tst
--- response_headers
Content-Type: application/x-test

=== TEST 14: default_type for unknown extensions
--- config
default_type application/octet-stream;
--- files
>>> html/a.unknownext
u
--- request
GET /a.unknownext
--- response_headers
Content-Type: application/octet-stream

=== TEST 15: the built-in types know html
--- files
>>> html/page.html
<b>x</b>
--- request
GET /page.html
--- response_headers
Content-Type: text/html

=== TEST 16: a single byte range
--- files
>>> html/r.txt
abcdefghij
--- request
GET /r.txt
--- more_headers
Range: bytes=2-4
--- error_code: 206
--- response_headers
Content-Range: bytes 2-4/11
Content-Length: 3
--- response_body chomp
cde

=== TEST 17: an open-ended range
--- files
>>> html/r.txt
abcdefghij
--- request
GET /r.txt
--- more_headers
Range: bytes=7-
--- error_code: 206
--- response_headers
Content-Range: bytes 7-10/11
--- response_body
hij

=== TEST 18: a suffix range
--- files
>>> html/r.txt
abcdefghij
--- request
GET /r.txt
--- more_headers
Range: bytes=-3
--- error_code: 206
--- response_headers
Content-Range: bytes 8-10/11
--- response_body
ij

=== TEST 19: an unsatisfiable range is 416
--- files
>>> html/r.txt
abcdefghij
--- request
GET /r.txt
--- more_headers
Range: bytes=100-200
--- error_code: 416
--- response_headers
Content-Range: bytes */11
--- error_page: 416

=== TEST 20: a range end past the size is clipped
--- files
>>> html/r.txt
abcdefghij
--- request
GET /r.txt
--- more_headers
Range: bytes=5-1000
--- error_code: 206
--- response_headers
Content-Range: bytes 5-10/11

=== TEST 21: multiple ranges give multipart/byteranges
--- files
>>> html/r.txt
abcdefghij
--- request
GET /r.txt
--- more_headers
Range: bytes=0-1,4-5
--- error_code: 206
--- response_headers_like
Content-Type: ^multipart/byteranges; boundary=\d+$
--- response_body_like
Content-Range: bytes 0-1/11\r\n\r\nab\r\n.*Content-Range: bytes 4-5/11\r\n\r\nef\r\n

=== TEST 22: a non-bytes range is ignored
--- files
>>> html/r.txt
abcdefghij
--- request
GET /r.txt
--- more_headers
Range: items=1-2
--- error_code: 200

=== TEST 23: If-None-Match * gives 304
--- files
>>> html/c.txt
cached
--- request
GET /c.txt
--- more_headers
If-None-Match: *
--- error_code: 304
--- response_body chomp

=== TEST 24: If-Modified-Since far in the past gives the file (exact mode)
--- files
>>> html/c.txt
cached
--- request
GET /c.txt
--- more_headers
If-Modified-Since: Thu, 01 Jan 1970 00:00:01 GMT
--- error_code: 200

=== TEST 25: if_modified_since before: a later date gives 304
--- config
if_modified_since before;
--- files
>>> html/c.txt
cached
--- request
GET /c.txt
--- more_headers
If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT
--- error_code: 304

=== TEST 26: if_modified_since exact: a later date still gives 200
--- files
>>> html/c.txt
cached
--- request
GET /c.txt
--- more_headers
If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT
--- error_code: 200

=== TEST 27: etag off drops the ETag header
--- config
etag off;
--- files
>>> html/e.txt
e
--- request
GET /e.txt
--- response_headers
!ETag

=== TEST 28: POST to a static file is 405
--- files
>>> html/p.txt
p
--- request
POST /p.txt
x
--- error_code: 405
--- error_page: 405

=== TEST 29: DELETE is 405
--- files
>>> html/p.txt
p
--- request
DELETE /p.txt
--- error_code: 405

=== TEST 30: HEAD of a file has its length but no body
--- files
>>> html/h.txt
hello
--- request
HEAD /h.txt
--- error_code: 200
--- response_headers
Content-Length: 6

=== TEST 31: a file under a path component that is a file
--- files
>>> html/f.txt
f
--- request
GET /f.txt/x
--- error_code: 404
--- error_log
failed (20: Not a directory)

=== TEST 32: index pointing to an absolute URI
--- config
location / { index /target; }
location = /target { return 200 "target\n"; }
--- request
GET /
--- response_body
target

=== TEST 33: If-Match mismatch is 412
--- files
>>> html/m.txt
m
--- request
GET /m.txt
--- more_headers
If-Match: "nope"
--- error_code: 412
--- error_page: 412

=== TEST 34: percent-encoded file names are decoded
--- files
>>> html/a b.txt
space
--- request
GET /a%20b.txt
--- response_body
space
