# map: exact keys, default, regexes with captures, hostnames, volatile, config errors.

=== TEST 1: map an exact key
--- http_config
map $arg_k $mapped { a alpha; b beta; default other; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=b
--- response_body
[beta]

=== TEST 2: map default
--- http_config
map $arg_k $mapped { a alpha; default other; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=zzz
--- response_body
[other]

=== TEST 3: map without default gives an empty value
--- http_config
map $arg_k $mapped { a alpha; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=zzz
--- response_body
[]

=== TEST 4: exact keys ignore case
--- http_config
map $arg_k $mapped { abc yes; default no; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=ABC
--- response_body
[yes]

=== TEST 5: a regex key
--- http_config
map $uri $mapped { ~^/api/ api; default web; }
--- config
location / { return 200 "[$mapped]\n"; }
--- request
GET /api/x
--- response_body
[api]

=== TEST 6: a regex key with captures in the value
--- http_config
map $uri $mapped { ~^/user/(\d+)$ "id=$1"; default none; }
--- config
location / { return 200 "[$mapped]\n"; }
--- request
GET /user/42
--- response_body
[id=42]

=== TEST 7: a case-insensitive regex key
--- http_config
map $arg_k $mapped { ~*^hello hi; default no; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=HeLLo-there
--- response_body
[hi]

=== TEST 8: a case-sensitive regex key does not match other case
--- http_config
map $arg_k $mapped { ~^hello hi; default no; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=HELLO
--- response_body
[no]

=== TEST 9: exact keys win over regexes
--- http_config
map $arg_k $mapped { ~^a regex; abc exact; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=abc
--- response_body
[exact]

=== TEST 10: regexes are tried in order
--- http_config
map $arg_k $mapped { ~b first; ~bc second; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=abcd
--- response_body
[first]

=== TEST 11: values with variables
--- http_config
map $arg_k $mapped { a "uri is $uri"; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=a
--- response_body
[uri is /t]

=== TEST 12: hostnames with a wildcard
--- http_config
map $http_host $mapped { hostnames; *.example.com wild; www.test.* pre; default none; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t
--- more_headers
Host: a.example.com
--- response_body
[wild]

=== TEST 13: hostnames with a tail wildcard
--- http_config
map $http_host $mapped { hostnames; *.example.com wild; www.test.* pre; default none; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t
--- more_headers
Host: www.test.org
--- response_body
[pre]

=== TEST 14: a map used in an if
--- http_config
map $arg_k $blocked { bad 1; default 0; }
--- config
location /t { if ($blocked) { return 403; } return 200 "ok\n"; }
--- request
GET /t?k=bad
--- error_code: 403

=== TEST 15: a map from a composite source
--- http_config
map "$arg_a:$arg_b" $mapped { "1:2" both; default no; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?a=1&b=2
--- response_body
[both]

=== TEST 16: a map used in echo and add_header
--- http_config
map $arg_k $mapped { x ex; default dflt; }
--- config
location /t { add_header X-M $mapped; echo $mapped; }
--- request
GET /t?k=x
--- response_headers
X-M: ex
--- response_body
ex

=== TEST 17: a map used before its block in the file
--- http_config
server { listen 127.0.0.1:1; location / { return 200 $late; } }
map $uri $late { default late; }
--- config
location /t { return 200 "[$late]\n"; }
--- request
GET /t
--- response_body
[late]

=== TEST 18: a duplicate key is a config error
--- http_config
map $arg_k $mapped { a 1; a 2; }
--- config
location /t { return 200 "$mapped"; }
--- must_die
--- error_log
conflicting parameter "a"

=== TEST 19: a duplicate default is a config error
--- http_config
map $arg_k $mapped { default 1; default 2; }
--- config
location /t { return 200 "$mapped"; }
--- must_die
--- error_log
duplicate default map parameter

=== TEST 20: too many parameters on a line
--- http_config
map $arg_k $mapped { a 1 2; }
--- config
location /t { return 200 "$mapped"; }
--- must_die
--- error_log
invalid number of the map parameters

=== TEST 21: map at server level is not allowed
--- config
map $arg_k $mapped { a 1; }
location /t { return 200 "$mapped"; }
--- must_die
--- error_log
"map" directive is not allowed here

=== TEST 22: the result must be a variable
--- http_config
map $arg_k mapped { a 1; }
--- config
location /t { return 200 ok; }
--- must_die

=== TEST 23: volatile map
--- http_config
map $arg_k $mapped { volatile; a 1; default 0; }
--- config
location /t { return 200 "[$mapped]\n"; }
--- request
GET /t?k=a
--- response_body
[1]
