# ngx_http_rewrite_module: rewrite (flags), set, if, break, return order; and try_files.

=== TEST 1: server-level return runs before the location is found
--- config
return 200 "server\n";
location /t { return 200 "location\n"; }
--- request
GET /t
--- response_body
server

=== TEST 2: the first return in a location wins
--- config
location /t { return 200 "first\n"; return 200 "second\n"; }
--- request
GET /t
--- response_body
first

=== TEST 3: rewrite ... last matches locations again
--- config
location /old { rewrite ^/old/(.*)$ /new/$1 last; return 200 "not here\n"; }
location /new { return 200 "new: $uri\n"; }
--- request
GET /old/page
--- response_body
new: /new/page

=== TEST 4: rewrite ... break stays in the location and stops even return
--- config
location /old { rewrite ^/old/(.*)$ /new/$1 break; return 200 "never\n"; }
location /new { return 200 "moved\n"; }
--- files
>>> html/new/page
static new page
--- request
GET /old/page
--- response_body
static new page

=== TEST 5: rewrite without a flag goes on to the next directive
--- config
location /a { rewrite ^/a(.*)$ /b$1; rewrite ^/b(.*)$ /c$1; return 200 "$uri\n"; }
--- request
GET /a/x
--- response_body
/c/x

=== TEST 6: rewrite ... redirect
--- config
location /r { rewrite ^/r/(.*)$ /target/$1 redirect; }
--- request
GET /r/x
--- error_code: 302
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/target/x
--- error_page: 302

=== TEST 7: rewrite ... permanent
--- config
location /r { rewrite ^ http://example.com/moved permanent; }
--- request
GET /r
--- error_code: 301
--- response_headers
Location: http://example.com/moved

=== TEST 8: a replacement starting with http:// redirects with 302
--- config
location /r { rewrite ^ http://example.com/x; }
--- request
GET /r?a=1
--- error_code: 302
--- response_headers
Location: http://example.com/x?a=1

=== TEST 9: a trailing ? drops the old arguments from a redirect
--- config
location /r { rewrite ^ http://example.com/x? redirect; }
--- request
GET /r?a=1
--- error_code: 302
--- response_headers
Location: http://example.com/x

=== TEST 10: new arguments come first, the old ones are appended
--- config
location /r { rewrite ^ /t?new=1 last; }
location /t { return 200 "args=$args\n"; }
--- request
GET /r?old=2
--- response_body
args=new=1&old=2

=== TEST 11: new arguments with a trailing ? replace the old ones
--- config
location /r { rewrite ^ /t?new=1? last; }
location /t { return 200 "args=$args\n"; }
--- request
GET /r?old=2
--- response_body
args=new=1

=== TEST 12: arguments are kept when the replacement has none
--- config
location /r { rewrite ^ /t last; }
location /t { return 200 "args=$args\n"; }
--- request
GET /r?keep=1
--- response_body
args=keep=1

=== TEST 13: a rewrite that does not match changes nothing
--- config
location /r { rewrite ^/nomatch /x last; return 200 "$uri\n"; }
--- request
GET /r
--- response_body
/r

=== TEST 14: server-level rewrite before location matching
--- config
rewrite ^/alias/(.*)$ /real/$1;
location /real { return 200 "real $uri\n"; }
--- request
GET /alias/z
--- response_body
real /real/z

=== TEST 15: a rewrite cycle ends in 500
--- config
location /loop { rewrite ^ /loop last; }
--- request
GET /loop
--- error_code: 500
--- error_log
rewrite or internal redirection cycle while processing "/loop"

=== TEST 16: set and use a variable
--- config
location /t { set $greeting "hello"; return 200 "$greeting world\n"; }
--- request
GET /t
--- response_body
hello world

=== TEST 17: set with other variables
--- config
location /t { set $x "$uri-$arg_a"; return 200 "$x\n"; }
--- request
GET /t?a=9
--- response_body
/t-9

=== TEST 18: a variable set in another location is known but empty
--- config
location /a { set $only_a 1; return 200 "a\n"; }
location /b { return 200 "[$only_a]\n"; }
--- request
GET /b
--- response_body
[]

=== TEST 19: if on a variable's truth
--- config
location /t { if ($arg_x) { return 200 "set\n"; } return 200 "unset\n"; }
--- request
GET /t?x=1
--- response_body
set

=== TEST 20: "0" is false in if
--- config
location /t { if ($arg_x) { return 200 "set\n"; } return 200 "unset\n"; }
--- request
GET /t?x=0
--- response_body
unset

=== TEST 21: if with =
--- config
location /t { if ($request_method = POST) { return 200 "post\n"; } return 200 "other\n"; }
--- request
POST /t
x
--- response_body
post

=== TEST 22: if with !=
--- config
location /t { if ($request_method != GET) { return 200 "not get\n"; } return 200 "get\n"; }
--- request
GET /t
--- response_body
get

=== TEST 23: if with a regex and captures
--- config
location /t { if ($http_user_agent ~ "Mozilla/(\d+)") { return 200 "mozilla $1\n"; } return 200 "other\n"; }
--- request
GET /t
--- more_headers
User-Agent: Mozilla/5 (X11)
--- response_body
mozilla 5

=== TEST 24: if with a caseless regex
--- config
location /t { if ($arg_name ~* ^bob$) { return 200 "bob\n"; } return 200 "other\n"; }
--- request
GET /t?name=BOB
--- response_body
bob

=== TEST 25: if with a negated regex
--- config
location /t { if ($arg_name !~ ^a) { return 200 "not a\n"; } return 200 "a\n"; }
--- request
GET /t?name=bcd
--- response_body
not a

=== TEST 26: if -f on a file
--- config
location /t { if (-f $document_root/exists.txt) { return 200 "exists\n"; } return 200 "missing\n"; }
--- files
>>> html/exists.txt
e
--- request
GET /t
--- response_body
exists

=== TEST 27: if !-f
--- config
location /t { if (!-f $document_root/nope.txt) { return 200 "no file\n"; } return 200 "file\n"; }
--- request
GET /t
--- response_body
no file

=== TEST 28: if -d
--- config
location /t { if (-d $document_root/sub) { return 200 "dir\n"; } return 200 "nodir\n"; }
--- files
>>> html/sub/x
x
--- request
GET /t
--- response_body
dir

=== TEST 29: if with rewrite inside
--- config
location /t { if ($arg_go) { rewrite ^ /dest last; } return 200 "stay\n"; }
location /dest { return 200 "dest\n"; }
--- request
GET /t?go=1
--- response_body
dest

=== TEST 30: break stops the rewrite directives
--- config
location /t { set $a 1; break; set $a 2; return 200 "never\n"; }
--- files
>>> html/t
served file
--- request
GET /t
--- response_body
served file

=== TEST 31: if in server context
--- config
if ($http_x_block) { return 403; }
location / { return 200 "ok\n"; }
--- request
GET /
--- more_headers
X-Block: 1
--- error_code: 403

=== TEST 32: try_files serves the first existing file
--- config
location / { try_files /a.txt /b.txt =404; }
--- files
>>> html/b.txt
bee
--- request
GET /whatever
--- response_body
bee

=== TEST 33: try_files falls back to =404
--- config
location / { try_files /a.txt =404; }
--- request
GET /x
--- error_code: 404
--- error_page: 404

=== TEST 34: try_files falls back to a URI
--- config
location / { try_files $uri /fallback?from=$uri; }
location = /fallback { return 200 "fallback $args\n"; }
--- request
GET /missing
--- response_body
fallback from=/missing

=== TEST 35: try_files $uri finds the file
--- config
location / { try_files $uri /fallback; }
location = /fallback { return 200 "fallback\n"; }
--- files
>>> html/real.txt
real
--- request
GET /real.txt
--- response_body
real

=== TEST 36: try_files $uri/ finds a directory, which then redirects to add the slash
--- config
location / { try_files $uri $uri/ =404; }
--- files
>>> html/d/index.html
dir index
--- request
GET /d
--- error_code: 301
--- response_headers
Location: http://localhost:$TEST_NGINX_SERVER_PORT/d/

=== TEST 37: try_files $uri/ for a URI that already ends in a slash tests "/d//" and falls through
--- config
location / { try_files $uri/ =404; }
--- files
>>> html/d/index.html
dir index
--- request
GET /d/
--- error_code: 404

=== TEST 37: try_files to a named location
--- config
location / { try_files $uri @app; }
location @app { return 200 "app $uri\n"; }
--- request
GET /dynamic
--- response_body
app /dynamic

=== TEST 38: try_files =code other than 404
--- config
location / { try_files $uri =403; }
--- request
GET /nothing
--- error_code: 403

=== TEST 39: invalid rewrite flag
--- config
location / { rewrite ^ /x sometimes; }
--- must_die
--- error_log
invalid parameter "sometimes" in

=== TEST 40: set needs a $ name
--- config
location / { set x 1; }
--- must_die
--- error_log
invalid variable name "x" in

=== TEST 41: internal redirects run the server rewrites again
--- config
rewrite ^/page$ /page-rewritten;
error_page 404 /page;
location = /page-rewritten { return 200 "rewritten\n"; }
location /t { return 404; }
--- request
GET /t
--- error_code: 404
--- response_body
rewritten

=== TEST 42: variables set at server level reach the location
--- config
set $site main;
location / { return 200 "$site\n"; }
--- request
GET /
--- response_body
main

=== TEST 44: add_header inside if (the CORS preflight pattern)
--- config
location /api {
    if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin *;
        add_header Access-Control-Allow-Methods "GET, POST";
        return 204;
    }
    return 200 "api\n";
}
--- request
OPTIONS /api
--- error_code: 204
--- response_headers
Access-Control-Allow-Origin: *
Access-Control-Allow-Methods: GET, POST

=== TEST 45: the if block's configuration does not apply when the condition fails
--- config
location /api {
    add_header X-Outer outer;
    if ($request_method = OPTIONS) { add_header X-Inner inner; }
    return 200 "api\n";
}
--- request
GET /api
--- response_headers
X-Outer: outer
!X-Inner

=== TEST 46: a matched if takes its own configuration for the content
--- config
location / {
    root $TEST_NGINX_PREFIX/normal;
    if ($arg_alt) { root $TEST_NGINX_PREFIX/alternate; }
}
--- files
>>> normal/f.txt
normal
>>> alternate/f.txt
alternate
--- request
GET /f.txt?alt=1
--- response_body
alternate

=== TEST 47: the if block inherits what the location sets after it
--- config
location /t {
    if ($arg_x) { set $y 1; }
    add_header X-After after;
    return 200 "t\n";
}
--- request
GET /t?x=1
--- response_headers
X-After: after

=== TEST 48: rewrite directives after a matched if still run
--- config
location /t {
    if ($arg_x) { set $v "if"; }
    set $w "after";
    return 200 "$v $w\n";
}
--- request
GET /t?x=1
--- response_body
if after
