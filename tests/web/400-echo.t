# The echo module: echo and its options, echo_duplicate, echo_flush, echo_sleep, echo_status,
# the body filters, request bodies, foreach, timers. Every expectation was taken from nginx.

=== TEST 1: echo streams a chunked body with the default type
--- config
location /t { echo hello; }
--- request
GET /t
--- response_headers
Content-Type: text/plain
Transfer-Encoding: chunked
!Content-Length
--- response_body
hello

=== TEST 2: several echo arguments are joined by spaces
--- config
location /t { echo hello   world "a b"; }
--- request
GET /t
--- response_body
hello world a b

=== TEST 3: echo -n leaves out the newline
--- config
location /t { echo -n hello; echo -n world; }
--- request
GET /t
--- response_body chomp
helloworld

=== TEST 4: echo -- prints a following -n
--- config
location /t { echo -- -n hi; }
--- request
GET /t
--- response_body
-n hi

=== TEST 5: echo with no arguments prints a newline
--- config
location /t { echo -n x; echo; echo a; }
--- request
GET /t
--- response_body
x
a

=== TEST 6: echo with variables
--- config
location /t { echo "uri=$uri args=$args a=$arg_a"; }
--- request
GET /t?a=1&b=2
--- response_body
uri=/t args=a=1&b=2 a=1

=== TEST 7: echo_duplicate repeats its text
--- config
location /t { echo_duplicate 3 "ab"; echo_duplicate 0 "x"; echo; }
--- request
GET /t
--- response_body
ababab

=== TEST 8: echo_duplicate with a variable count
--- config
location /t { echo_duplicate $arg_n "-"; echo; }
--- request
GET /t?n=5
--- response_body
-----

=== TEST 9: echo_flush between echos
--- config
location /t { echo a; echo_flush; echo b; }
--- request
GET /t
--- response_body
a
b

=== TEST 10: echo_sleep then echo
--- config
location /t { echo_sleep 0.1; echo done; }
--- request
GET /t
--- response_body
done

=== TEST 11: echo_blocking_sleep then echo
--- config
location /t { echo_blocking_sleep 0.05; echo done; }
--- request
GET /t
--- response_body
done

=== TEST 12: echo_status sets the status
--- config
location /t { echo_status 404; echo missing; }
--- request
GET /t
--- error_code: 404
--- response_body
missing

=== TEST 13: echo_status is not allowed at server level
--- config
echo_status 201;
location /t { echo made; }
--- must_die
--- error_log
"echo_status" directive is not allowed here

=== TEST 14: HTTP/1.0 echo is not chunked
--- config
location /t { echo old; }
--- raw_request
GET /t HTTP/1.0\r\n\r\n
--- response_headers
!Transfer-Encoding
--- response_body
old

=== TEST 15: HEAD gets no body
--- config
location /t { echo hidden; }
--- request
HEAD /t
--- response_headers
Content-Type: text/plain
--- response_body chomp

=== TEST 16: echo_before_body and echo_after_body around return
--- config
location /t { echo_before_body before; echo_after_body after; return 200 "middle\n"; }
--- request
GET /t
--- response_headers
!Content-Length
--- response_body
before
middle
after

=== TEST 17: echo_before_body around echo
--- config
location /t { echo_before_body -n "[" ; echo_after_body -n "]"; echo -n body; }
--- request
GET /t
--- response_body chomp
[body]

=== TEST 18: echo_after_body around a static file
--- config
location /t.txt { echo_after_body "the end"; }
--- files
>>> html/t.txt
file
--- request
GET /t.txt
--- response_headers
!Content-Length
--- response_body
file
the end

=== TEST 19: several echo_before_body lines in order
--- config
location /t { echo_before_body one; echo_before_body two $uri; echo body; }
--- request
GET /t
--- response_body
one
two /t
body

=== TEST 20: echo_read_request_body and echo_request_body
--- config
location /t { echo_read_request_body; echo_request_body; echo; }
--- request
POST /t
hello body
--- response_body
hello body

=== TEST 21: $echo_request_body after reading
--- config
location /t { echo_read_request_body; echo "[$echo_request_body]"; }
--- request
POST /t
abc
--- response_body
[abc]

=== TEST 22: echo_request_body without reading prints nothing
--- config
location /t { echo_request_body; echo x; }
--- request
GET /t
--- response_body
x

=== TEST 23: echo_foreach_split over a list
--- config
location /t { echo_foreach_split ',' $arg_list; echo "item: $echo_it"; echo_end; echo done; }
--- request
GET /t?list=a,b,c
--- response_body
item: a
item: b
item: c
done

=== TEST 24: echo_foreach_split skips empty items
--- config
location /t { echo_foreach_split '-' "x--y-"; echo "[$echo_it]"; echo_end; }
--- request
GET /t
--- response_body
[x]
[y]

=== TEST 25: echo_foreach_split with a multi-character delimiter
--- config
location /t { echo_foreach_split '::' "a::b::c"; echo $echo_it; echo_end; }
--- request
GET /t
--- response_body
a
b
c

=== TEST 26: $echo_timer_elapsed after echo_reset_timer
--- config
location /t { echo_reset_timer; echo_sleep 0.05; echo $echo_timer_elapsed; }
--- request
GET /t
--- response_body_like
^0\.0[5-9]\d\n$

=== TEST 27: $echo_request_method and $echo_client_request_method
--- config
location /t { echo "$echo_request_method $echo_client_request_method"; }
--- request
PUT /t
--- response_body
PUT PUT

=== TEST 28: echo types the body by the URI's extension
--- config
location /t.html { echo "<b>x</b>"; }
--- request
GET /t.html
--- response_headers
Content-Type: text/html
--- response_body
<b>x</b>

=== TEST 29: echo_exec to another location
--- config
location /t { echo_exec /other; }
location /other { echo "other $uri $args"; }
--- request
GET /t?x=1
--- response_body
other /other 

=== TEST 30: echo_exec with args
--- config
location /t { echo_exec /other "a=b"; }
location /other { echo "args=$args"; }
--- request
GET /t
--- response_body
args=a=b

=== TEST 31: echo_exec to a named location
--- config
location /t { echo_exec @named; }
location @named { echo "named $uri"; }
--- request
GET /t
--- response_body
named /t

=== TEST 32: echo in a location if block
--- config
location /t { if ($arg_x) { echo "in if"; } echo "outside"; }
--- request
GET /t?x=1
--- response_body
in if

=== TEST 33: echo in a location if block, condition false
--- config
location /t { if ($arg_x) { echo "in if"; } echo "outside"; }
--- request
GET /t
--- response_body
outside

=== TEST 34: add_header with echo
--- config
location /t { add_header X-A a; echo hi; }
--- request
GET /t
--- response_headers
X-A: a
--- response_body
hi

=== TEST 35: echo_sleep with a variable duration
--- config
location /t { echo_sleep $arg_s; echo slept; }
--- request
GET /t?s=0.01
--- response_body
slept

=== TEST 36: echo_duplicate needs two arguments
--- config
location /t { echo_duplicate 3; }
--- must_die
--- error_log
invalid number of arguments in "echo_duplicate" directive

=== TEST 37: echo_status with a bad number
--- config
location /t { echo_status abc; echo x; }
--- must_die

=== TEST 38: echo with an unknown variable is a config error
--- config
location /t { echo $no_such_variable_here; }
--- must_die
--- error_log
unknown "no_such_variable_here" variable

=== TEST 39: a large echo_duplicate
--- config
location /t { echo_duplicate 100000 "0123456789"; }
--- request
GET /t
--- response_body_like
^(0123456789){100000}$

=== TEST 40: echo inside a keepalive pair of requests
--- config
location /t { echo "n=$arg_n"; }
--- request
GET /t?n=1
--- response_body
n=1
