# Malformed configurations stop start-up with nginx's [emerg] message and exit status 1.
# The generated nginx.conf puts main_config on line 6, http_config on line 10, config on line 15.

=== TEST 1: unknown directive
--- config
foo bar;
--- must_die
--- error_log
[emerg]
unknown directive "foo" in
nginx.conf:15

=== TEST 2: directive in the wrong context
--- main_config
listen 80;
--- must_die
--- error_log
"listen" directive is not allowed here in
nginx.conf:6

=== TEST 3: wrong number of arguments
--- config
root a b;
--- must_die
--- error_log
invalid number of arguments in "root" directive in

=== TEST 4: unexpected closing brace
--- config
}
--- must_die
--- error_log
unexpected "}" in

=== TEST 5: missing semicolon before a brace
--- config
location / { root /x }
--- must_die
--- error_log
unexpected "}" in

=== TEST 6: block directive without a block
--- config
location /;
--- must_die
--- error_log
directive "location" has no opening "{" in

=== TEST 7: simple directive with a block
--- config
root /x { }
--- must_die
--- error_log
directive "root" is not terminated by ";" in

=== TEST 8: flag with a bad value
--- config
sendfile maybe;
--- must_die
--- error_log
invalid value "maybe" in "sendfile" directive, it must be "on" or "off" in

=== TEST 9: duplicate root
--- config
root /a;
root /b;
--- must_die
--- error_log
"root" directive is duplicate in

=== TEST 10: root after alias
--- config
location /x { alias /a; root /b; }
--- must_die
--- error_log
"root" directive is duplicate, "alias" directive was specified earlier in

=== TEST 11: unknown variable
--- config
location / { return 200 $nosuchvar; }
--- must_die
--- error_log
unknown "nosuchvar" variable

=== TEST 12: invalid return code
--- config
location / { return 1000; }
--- must_die
--- error_log
invalid return code "1000" in

=== TEST 13: text after a quoted argument
--- config
location / { return 200 "a"b; }
--- must_die
--- error_log
unexpected "b" in

=== TEST 14: duplicate location
--- config
location /a { }
location /a { }
--- must_die
--- error_log
duplicate location "/a" in

=== TEST 15: location outside its parent
--- config
location /a { location /b { } }
--- must_die
--- error_log
location "/b" is outside location "/a" in

=== TEST 16: location inside an exact location
--- config
location = /a { location /a/b { } }
--- must_die
--- error_log
location "/a/b" cannot be inside the exact location "/a" in

=== TEST 17: named location nested
--- config
location /a { location @n { } }
--- must_die
--- error_log
named location "@n" can be on the server level only in

=== TEST 18: include of a missing file
--- config
include nonexistent.conf;
--- must_die
--- error_log
/conf/nonexistent.conf" failed (2: No such file or directory) in

=== TEST 19: include with a glob that matches nothing is fine
--- config
include nothing-*.conf;
location / { return 200 "ok\n"; }
--- request
GET /
--- response_body
ok

=== TEST 20: include with a glob, files in order
--- config
include parts/*.conf;
--- files
>>> conf/parts/a.conf
location /a { return 200 "from a\n"; }
>>> conf/parts/b.conf
location /b { return 200 "from b\n"; }
--- request
GET /b
--- response_body
from b

=== TEST 21: duplicate log_format
--- http_config
log_format x '$uri';
log_format x '$uri';
--- must_die
--- error_log
duplicate "log_format" name "x" in

=== TEST 22: access_log with an unknown format
--- config
access_log logs/x.log nosuchformat;
--- must_die
--- error_log
unknown log format "nosuchformat" in

=== TEST 23: error_page code out of range
--- config
error_page 200 /x;
--- must_die
--- error_log
value "200" must be between 300 and 599 in

=== TEST 24: invalid listen parameter
--- config
listen 127.0.0.1:1 bogus;
--- must_die
--- error_log
invalid parameter "bogus" in

=== TEST 25: duplicate listen in one server
--- config
listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
--- must_die
--- error_log
a duplicate listen 127.0.0.1:

=== TEST 26: invalid keepalive_timeout
--- config
keepalive_timeout abc;
--- must_die
--- error_log
"keepalive_timeout" directive invalid value in

=== TEST 27: invalid server_tokens
--- config
server_tokens maybe;
--- must_die
--- error_log
invalid value "maybe" in

=== TEST 28: add_header with a bad third argument
--- config
add_header X-A a sometimes;
--- must_die
--- error_log
invalid parameter "sometimes" in

=== TEST 29: unterminated block at end of file
--- full_config
daemon off; master_process off; error_log logs/error.log; pid logs/nginx.pid;
events {
--- must_die
--- error_log
unexpected end of file, expecting "}" in

=== TEST 30: unterminated directive at end of file
--- full_config
daemon off; master_process off; error_log logs/error.log; pid logs/nginx.pid;
events {} http
--- must_die
--- error_log
unexpected end of file, expecting ";" or "}" in

=== TEST 31: a lone semicolon
--- config
;
--- must_die
--- error_log
unexpected ";" in

=== TEST 32: duplicate events
--- main_config
events { }
--- must_die
--- error_log
"events" directive is duplicate in

=== TEST 33: the address is already in use
--- http_config
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; }
server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; server_name other; }
--- config
location / { return 200 "ok\n"; }
--- request
GET /
--- response_body
ok

=== TEST 34: worker_processes set twice
--- main_config
worker_processes 2;
--- must_die
--- error_log
"worker_processes" directive is duplicate in

=== TEST 35: invalid error_log level
--- main_config
error_log logs/other.log loud;
--- must_die
--- error_log
invalid log level "loud" in

=== TEST 36: comments and odd spacing parse
--- config
    # a comment line
location   /t    {   return   200   "spaced\n"  ;   }   # trailing comment
--- request
GET /t
--- response_body
spaced

=== TEST 37: a hash inside a word is not a comment
--- config
location /t { return 200 a#b; }
--- request
GET /t
--- response_body chomp
a#b

=== TEST 38: backslash escapes outside quotes
--- config
location /t { return 200 a\"b\;c; }
--- request
GET /t
--- response_body chomp
a"b\;c

=== TEST 39: a main directive set twice is duplicate
--- main_config
daemon off;
--- must_die
--- error_log
"daemon" directive is duplicate in

=== TEST 40: invalid worker_processes
--- full_config
daemon off; master_process off; error_log logs/error.log; pid logs/nginx.pid;
worker_processes many;
events {}
--- must_die
--- error_log
"worker_processes" directive invalid value in

=== TEST 41: a plain location nested in a regex location must share its prefix
--- config
location ~ ^/r { location /r/in { } }
--- must_die
--- error_log
location "/r/in" is outside location "^/r" in

=== TEST 42: events is required once there is a server
--- full_config
daemon off; master_process off; error_log logs/error.log; pid logs/nginx.pid;
http { server { listen 127.0.0.1:$TEST_NGINX_SERVER_PORT; } }
--- must_die
--- error_log
no "events" section in configuration

=== TEST 43: an access log in a missing directory stops start-up
--- config
access_log logs/nodir/access.log;
--- must_die
--- error_log
/logs/nodir/access.log" failed (2: No such file or directory)
