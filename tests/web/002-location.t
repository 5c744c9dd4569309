# location selection in nginx's order: = exact, longest prefix (^~ stops regexes), regexes in
# definition order (~ and ~*), nested locations, named locations, internal.

=== TEST 1: exact match beats everything
--- config
location = /a { return 200 "exact\n"; }
location /a { return 200 "prefix\n"; }
location ~ ^/a { return 200 "regex\n"; }
--- request
GET /a
--- response_body
exact

=== TEST 2: exact match does not match a longer URI
--- config
location = /a { return 200 "exact\n"; }
location /a { return 200 "prefix\n"; }
--- request
GET /ab
--- response_body
prefix

=== TEST 3: regex beats a plain prefix
--- config
location /a { return 200 "prefix\n"; }
location ~ ^/a { return 200 "regex\n"; }
--- request
GET /abc
--- response_body
regex

=== TEST 4: ^~ prefix stops the regex search
--- config
location ^~ /a { return 200 "noregex\n"; }
location ~ ^/a { return 200 "regex\n"; }
--- request
GET /abc
--- response_body
noregex

=== TEST 5: the longest prefix wins
--- config
location /a { return 200 "short\n"; }
location /a/b/c { return 200 "long\n"; }
location /a/b { return 200 "middle\n"; }
--- request
GET /a/b/c/d
--- response_body
long

=== TEST 6: a longer plain prefix does not stop regexes even if a shorter one is ^~
--- config
location ^~ /a { return 200 "noregex\n"; }
location /a/b { return 200 "prefix\n"; }
location ~ b$ { return 200 "regex\n"; }
--- request
GET /a/b
--- response_body
regex

=== TEST 7: the first matching regex wins, in definition order
--- config
location ~ \.php$ { return 200 "first\n"; }
location ~ ^/x/.*\.php$ { return 200 "second\n"; }
--- request
GET /x/y.php
--- response_body
first

=== TEST 8: ~ is case sensitive
--- config
location ~ \.PHP$ { return 200 "upper\n"; }
location / { return 200 "root\n"; }
--- request
GET /a.php
--- response_body
root

=== TEST 9: ~* is case insensitive
--- config
location ~* \.PHP$ { return 200 "caseless\n"; }
location / { return 200 "root\n"; }
--- request
GET /a.php
--- response_body
caseless

=== TEST 10: regex captures in return
--- config
location ~ ^/user/(\d+)/(\w+)$ { return 200 "id=$1 name=$2\n"; }
--- request
GET /user/42/bob
--- response_body
id=42 name=bob

=== TEST 11: named captures are not numbered variables only
--- config
location ~ ^/n/(?<id>\d+)$ { return 200 "first=$1\n"; }
--- request
GET /n/7
--- response_body
first=7

=== TEST 12: nested prefix location
--- config
location /a {
    location /a/b { return 200 "nested\n"; }
    return 200 "outer\n";
}
--- request
GET /a/b/c
--- response_body
nested

=== TEST 13: nested location falls back to the outer one
--- config
location /a {
    location /a/b { return 200 "nested\n"; }
    return 200 "outer\n";
}
--- request
GET /a/x
--- response_body
outer

=== TEST 14: nested regex inside a prefix location
--- config
location /a {
    location ~ \.txt$ { return 200 "nested regex\n"; }
    return 200 "outer\n";
}
location ~ \.txt$ { return 200 "top regex\n"; }
--- request
GET /a/x.txt
--- response_body
nested regex

=== TEST 15: a top-level regex wins over a nested prefix that has no regex
--- config
location /a {
    location /a/b { return 200 "nested\n"; }
}
location ~ /a/b { return 200 "top regex\n"; }
--- request
GET /a/b
--- response_body
top regex

=== TEST 16: ^~ on a nested location stops only that level's regexes
--- config
location /a {
    location ^~ /a/b { return 200 "nested noregex\n"; }
}
location ~ /a/b { return 200 "top regex\n"; }
--- request
GET /a/b
--- response_body
top regex

=== TEST 17: no location at all: server-level settings serve
--- config
location /only { return 200 "only\n"; }
--- request
GET /nothing-here
--- error_code: 404

=== TEST 18: location / catches everything
--- config
location / { return 200 "root\n"; }
--- request
GET /some/deep/path
--- response_body
root

=== TEST 19: location matching sees the decoded URI
--- config
location = "/a b" { return 200 "decoded\n"; }
--- request
GET /a%20b
--- response_body
decoded

=== TEST 20: location matching sees the normalized URI
--- config
location = /a/c { return 200 "normalized\n"; }
--- request
GET /a/./b/../c
--- response_body
normalized

=== TEST 21: merged slashes
--- config
location = /a/b { return 200 "merged\n"; }
--- request
GET //a///b
--- response_body
merged

=== TEST 22: exact location with = glued to the name
--- config
location =/g { return 200 "glued\n"; }
--- request
GET /g
--- response_body
glued

=== TEST 23: internal location answers 404 to a direct request
--- config
location /secret { internal; return 200 "secret\n"; }
--- request
GET /secret
--- error_code: 404
--- error_page: 404

=== TEST 24: internal location serves an error_page (which keeps the 404)
--- config
error_page 404 /secret;
location /secret { internal; return 200 "from internal\n"; }
location /t { return 404; }
--- request
GET /t
--- error_code: 404
--- response_body
from internal

=== TEST 25: named location through error_page
--- config
location /t { error_page 404 = @fallback; return 404; }
location @fallback { return 200 "fallback\n"; }
--- request
GET /t
--- error_code: 200
--- response_body
fallback

=== TEST 26: named location keeps the original status without "="
--- config
location /t { error_page 404 @fallback; return 404; }
location @fallback { return 200 "fallback\n"; }
--- request
GET /t
--- error_code: 404
--- response_body
fallback

=== TEST 27: a regex location's nested regex
--- config
location ~ ^/r {
    location ~ /in { return 200 "in\n"; }
    return 200 "regex\n";
}
--- request
GET /r/in/x
--- response_body
in

=== TEST 28: prefix locations are case sensitive
--- config
location /A { return 200 "upper\n"; }
location / { return 200 "root\n"; }
--- request
GET /a
--- response_body
root

=== TEST 29: $uri after normalization, $request_uri as sent
--- config
location / { return 200 "$uri|$request_uri\n"; }
--- request
GET /a/../b%41?x=%41
--- response_body
/bA|/a/../b%41?x=%41

=== TEST 30: the query string does not take part in matching
--- config
location = /q { return 200 "q\n"; }
--- request
GET /q?x=1
--- response_body
q
