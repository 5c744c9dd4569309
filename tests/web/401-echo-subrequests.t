# Subrequests through the echo module: echo_location(_async), echo_subrequest(_async), into
# locations of every kind, variables and args of the child, the cycle limit.

=== TEST 1: echo_location inserts a subrequest's body
--- config
location /t { echo before; echo_location /sub; echo after; }
location /sub { echo "in sub"; }
--- request
GET /t
--- response_body
before
in sub
after

=== TEST 2: echo_location with args
--- config
location /t { echo_location /sub "a=1&b=2"; }
location /sub { echo "args=$args a=$arg_a uri=$uri"; }
--- request
GET /t?x=9
--- response_body
args=a=1&b=2 a=1 uri=/sub

=== TEST 3: echo_location with args in the URI
--- config
location /t { echo_location "/sub?q=7"; }
location /sub { echo "q=$arg_q"; }
--- request
GET /t
--- response_body
q=7

=== TEST 4: a subrequest to a return location
--- config
location /t { echo_location /r; echo end; }
location /r { return 200 "returned\n"; }
--- request
GET /t
--- response_body
returned
end

=== TEST 5: a subrequest to a static file
--- config
location /t { echo_location /f.txt; }
--- files
>>> html/f.txt
static content
--- request
GET /t
--- response_body
static content

=== TEST 6: a subrequest to a missing file gives the 404 page in the body, the main status stays 200
--- config
location /t { echo_location /missing.txt; }
--- request
GET /t
--- error_code: 200
--- response_body_like
404 Not Found

=== TEST 7: echo_location_async keeps the order
--- config
location /t { echo_location_async /a; echo_location_async /b; echo end; }
location /a { echo_sleep 0.1; echo a; }
location /b { echo b; }
--- request
GET /t
--- response_body
a
b
end

=== TEST 8: echo_location_async subrequests run concurrently
--- config
location /t { echo_reset_timer; echo_location_async /s; echo_location_async /s; echo_location_async /s; echo "elapsed ok"; }
location /s { echo_sleep 0.2; echo s; }
--- request
GET /t
--- response_body
s
s
s
elapsed ok

=== TEST 9: the subrequest's method is GET
--- config
location /t { echo_location /m; }
location /m { echo "$request_method $echo_request_method $echo_client_request_method"; }
--- request
POST /t
--- response_body
POST GET POST

=== TEST 10: $request_uri of a subrequest is the main request's
--- config
location /t { echo_location /sub; }
location /sub { echo "$request_uri $uri"; }
--- request
GET /t?z=1
--- response_body
/t?z=1 /sub

=== TEST 11: request headers are shared with the subrequest
--- config
location /t { echo_location /sub; }
location /sub { echo "h=$http_x_foo"; }
--- request
GET /t
--- more_headers
X-Foo: bar
--- response_body
h=bar

=== TEST 12: set variables are not shared with the subrequest
--- config
location /t { set $v parent; echo_location /sub; echo "parent v=$v"; }
location /sub { echo "sub v=[$v]"; }
--- request
GET /t
--- response_body
sub v=[]
parent v=parent

=== TEST 13: internal locations answer subrequests
--- config
location /t { echo_location /int; }
location /int { internal; echo "internal ok"; }
--- request
GET /t
--- response_body
internal ok

=== TEST 14: echo_subrequest with a method and a body
--- config
location /t { echo_subrequest POST /sub -b "the body"; }
location /sub { echo_read_request_body; echo "$echo_request_method [$echo_request_body]"; }
--- request
GET /t
--- response_body
POST [the body]

=== TEST 15: echo_subrequest with -q args
--- config
location /t { echo_subrequest GET /sub -q "k=v"; }
location /sub { echo "k=$arg_k"; }
--- request
GET /t
--- response_body
k=v

=== TEST 16: echo_subrequest_async in order
--- config
location /t { echo_subrequest_async GET /a; echo_subrequest_async PUT /b; }
location /a { echo_sleep 0.05; echo "a $echo_request_method"; }
location /b { echo "b $echo_request_method"; }
--- request
GET /t
--- response_body
a GET
b PUT

=== TEST 17: nested subrequests
--- config
location /t { echo_location /one; }
location /one { echo one; echo_location /two; }
location /two { echo two; }
--- request
GET /t
--- response_body
one
two

=== TEST 18: a subrequest to a rewrite location
--- config
location /t { echo_location /old; }
location /old { rewrite ^ /new last; }
location /new { echo "new $uri"; }
--- request
GET /t
--- response_body
new /new

=== TEST 19: the subrequest's status does not change the main one
--- config
location /t { echo_location /s; }
location /s { echo_status 404; echo inner; }
--- request
GET /t
--- error_code: 200
--- response_body
inner

=== TEST 20: a subrequest into content_by_lua
--- config
location /t { echo_location /lua "x=5"; echo done; }
location /lua { content_by_lua_block { ngx.say("lua x=", ngx.var.arg_x, " sub=", tostring(ngx.is_subrequest)) } }
--- request
GET /t
--- response_body
lua x=5 sub=true
done

=== TEST 21: echo_location in a loop
--- config
location /t { echo_foreach_split ',' "a,b"; echo_location /s $echo_it; echo_end; }
location /s { echo "got $args"; }
--- request
GET /t
--- response_body
got a
got b

=== TEST 22: the subrequest body goes through echo_after_body of its location
--- config
location /t { echo_location /s; echo main; }
location /s { echo_after_body "after sub"; echo sub; }
--- request
GET /t
--- response_body
sub
after sub
main

=== TEST 23: subrequest recursion stops at nginx's limit
--- config
location /t { echo_location /t; }
--- request
GET /t
--- error_log
subrequests cycle while processing "/t"
