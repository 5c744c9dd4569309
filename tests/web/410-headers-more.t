# headers-more: more_set_headers / more_clear_headers with -s and -t, wildcards, the special
# headers, and the input-header directives. Every expectation was taken from nginx.

=== TEST 1: more_set_headers adds a header
--- config
location /t { more_set_headers "X-Foo: bar"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Foo: bar

=== TEST 2: more_set_headers applies to error statuses too
--- config
location /t { more_set_headers "X-Foo: bar"; return 404; }
--- request
GET /t
--- error_code: 404
--- response_headers
X-Foo: bar

=== TEST 3: -s limits to listed statuses
--- config
location /t { more_set_headers -s 404 "X-Foo: bar"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
!X-Foo

=== TEST 4: -s with a list
--- config
location /t { more_set_headers -s "403 404" "X-Foo: bar"; return 404; }
--- request
GET /t
--- error_code: 404
--- response_headers
X-Foo: bar

=== TEST 5: -t limits to content types
--- config
location /t { more_set_headers -t text/html "X-Foo: bar"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
!X-Foo

=== TEST 6: -t matching the type
--- config
location /t { more_set_headers -t "text/html text/plain" "X-Foo: bar"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Foo: bar

=== TEST 7: more_set_headers replaces Server
--- config
location /t { more_set_headers "Server: my-server"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
Server: my-server

=== TEST 8: more_clear_headers Server
--- config
location /t { more_clear_headers Server; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
!Server

=== TEST 9: more_set_headers Content-Type
--- config
location /t { more_set_headers "Content-Type: application/x-mine"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
Content-Type: application/x-mine

=== TEST 10: more_clear_headers Content-Type
--- config
location /t { more_clear_headers Content-Type; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
!Content-Type

=== TEST 11: more_set_headers with variables
--- config
location /t { more_set_headers "X-Uri: $uri" "X-Arg: $arg_a"; return 200 "ok\n"; }
--- request
GET /t?a=7
--- response_headers
X-Uri: /t
X-Arg: 7

=== TEST 12: more_set_headers with an empty value clears
--- config
location /t { more_set_headers "X-Foo: bar"; more_set_headers "X-Foo:"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
!X-Foo

=== TEST 13: more_clear_headers with a wildcard clears Lua-set headers
--- config
location /t { more_clear_headers "X-Hidden-*"; content_by_lua_block { ngx.header["X-Hidden-A"] = "1"; ngx.header["X-Hidden-B"] = "2"; ngx.header["X-Kept"] = "3"; ngx.say("ok") } }
--- request
GET /t
--- response_headers
!X-Hidden-A
!X-Hidden-B
X-Kept: 3

=== TEST 14: more_set_headers replaces a header set by Lua
--- config
location /t { more_set_headers "X-A: new"; content_by_lua_block { ngx.header["X-A"] = "old"; ngx.say("ok") } }
--- request
GET /t
--- response_headers
X-A: new

=== TEST 15: more_set_headers inherited from server
--- config
more_set_headers "X-Srv: yes";
location /t { return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Srv: yes

=== TEST 16: more_set_headers with echo
--- config
location /t { more_set_headers "X-Echo: 1"; echo hi; }
--- request
GET /t
--- response_headers
X-Echo: 1
--- response_body
hi

=== TEST 17: more_set_input_headers changes what the location sees
--- config
location /t { more_set_input_headers "X-In: changed"; echo "in=$http_x_in"; }
--- request
GET /t
--- more_headers
X-In: original
--- response_body
in=changed

=== TEST 18: more_set_input_headers -r only replaces existing headers
--- config
location /t { more_set_input_headers -r "X-In: changed"; echo "in=[$http_x_in]"; }
--- request
GET /t
--- response_body
in=[]

=== TEST 19: more_clear_input_headers
--- config
location /t { more_clear_input_headers X-In; echo "in=[$http_x_in]"; }
--- request
GET /t
--- more_headers
X-In: here
--- response_body
in=[]

=== TEST 20: more_set_input_headers Host changes $host
--- config
location /t { more_set_input_headers "Host: other.example"; echo "$host $http_host"; }
--- request
GET /t
--- response_body
other.example other.example

=== TEST 21: more_set_input_headers runs after set
--- config
location /t { more_set_input_headers "X-In: early"; set $v $http_x_in; echo "v=$v"; }
--- request
GET /t
--- response_body
v=

=== TEST 22: more_set_input_headers seen by Lua
--- config
location /t { more_set_input_headers "X-In: lua"; content_by_lua_block { ngx.say(ngx.req.get_headers()["x-in"]) } }
--- request
GET /t
--- response_body
lua

=== TEST 23: more_clear_headers and add_header
--- config
location /t { add_header X-Added a; more_clear_headers X-Added; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
X-Added: a

=== TEST 24: a bad option is a config error
--- config
location /t { more_set_headers -x "X-A: b"; return 200; }
--- must_die

=== TEST 25: more_set_headers on a static 404
--- config
location / { more_set_headers -s 404 "X-Missing: yes"; }
--- request
GET /nothing-here
--- error_code: 404
--- response_headers
X-Missing: yes

=== TEST 26: more_clear_headers Content-Length
--- config
location /t { more_clear_headers "Content-Length"; return 200 "ok\n"; }
--- request
GET /t
--- response_headers
!Content-Length
--- response_body
ok
