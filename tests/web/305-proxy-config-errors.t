# Configuration errors of the upstream and proxy directives, as nginx -t words them.
# The generated nginx.conf puts http_config on line 11 and config on line 15.

=== TEST 1: a weight of 0 is invalid
--- http_config
upstream u { server 127.0.0.1:1 weight=0; }
--- must_die
--- error_log
[emerg]
invalid parameter "weight=0" in
nginx.conf:11

=== TEST 2: an unknown server parameter
--- http_config
upstream u { server 127.0.0.1:1 foo; }
--- must_die
--- error_log
[emerg]
invalid parameter "foo" in

=== TEST 3: max_fails must be a number
--- http_config
upstream u { server 127.0.0.1:1 max_fails=x; }
--- must_die
--- error_log
[emerg]
invalid parameter "max_fails=x" in

=== TEST 4: fail_timeout must be a time
--- http_config
upstream u { server 127.0.0.1:1 fail_timeout=x; }
--- must_die
--- error_log
[emerg]
invalid parameter "fail_timeout=x" in

=== TEST 5: an upstream without servers
--- http_config
upstream u { }
--- must_die
--- error_log
[emerg]
no servers are inside upstream in
nginx.conf:11

=== TEST 6: a duplicate upstream
--- http_config
upstream u { server 127.0.0.1:1; }
upstream u { server 127.0.0.1:2; }
--- must_die
--- error_log
[emerg]
duplicate upstream "u" in
nginx.conf:12

=== TEST 7: hash has no backup servers
--- http_config
upstream u { hash $uri; server 127.0.0.1:1 backup; }
--- must_die
--- error_log
[emerg]
balancing method does not support parameter "backup" in

=== TEST 8: keepalive 0 is invalid
--- http_config
upstream u { server 127.0.0.1:1; keepalive 0; }
--- must_die
--- error_log
[emerg]
invalid value "0" in "keepalive" directive in

=== TEST 9: keepalive_timeout must be a time
--- http_config
upstream u { server 127.0.0.1:1; keepalive_timeout x; }
--- must_die
--- error_log
[emerg]
"keepalive_timeout" directive invalid value in

=== TEST 10: keepalive_requests must be a number
--- http_config
upstream u { server 127.0.0.1:1; keepalive_requests x; }
--- must_die
--- error_log
[emerg]
"keepalive_requests" directive invalid number in

=== TEST 11: a port out of range
--- http_config
upstream u { server 127.0.0.1:99999; }
--- must_die
--- error_log
[emerg]
invalid port in upstream "127.0.0.1:99999" in

=== TEST 12: proxy_pass to an unknown name
--- config
location / { proxy_pass http://nosuchupstream.invalid; }
--- must_die
--- error_log
[emerg]
host not found in upstream "nosuchupstream.invalid" in
nginx.conf:15

=== TEST 13: proxy_pass without http://
--- config
location / { proxy_pass 127.0.0.1:1; }
--- must_die
--- error_log
[emerg]
invalid URL prefix in

=== TEST 14: proxy_pass twice
--- config
location / { proxy_pass http://127.0.0.1:1; proxy_pass http://127.0.0.1:2; }
--- must_die
--- error_log
[emerg]
"proxy_pass" directive is duplicate in

=== TEST 15: a URI part in a regex location
--- config
location ~ /a { proxy_pass http://127.0.0.1:1/x; }
--- must_die
--- error_log
[emerg]
"proxy_pass" cannot have URI part in location given by regular expression, or inside named location, or inside "if" statement, or inside "limit_except" block in

=== TEST 16: a URI part inside if
--- config
location / { if ($uri) { proxy_pass http://127.0.0.1:1/x; } }
--- must_die
--- error_log
[emerg]
"proxy_pass" cannot have URI part in location given by regular expression

=== TEST 17: proxy_http_version 2.0 is invalid
--- config
location / { proxy_http_version 2.0; }
--- must_die
--- error_log
[emerg]
invalid value "2.0" in

=== TEST 18: an unknown proxy_next_upstream value
--- config
location / { proxy_next_upstream foo; }
--- must_die
--- error_log
[emerg]
invalid value "foo" in

=== TEST 19: proxy_buffering takes on or off
--- config
location / { proxy_buffering x; }
--- must_die
--- error_log
[emerg]
invalid value "x" in "proxy_buffering" directive, it must be "on" or "off" in

=== TEST 20: proxy_connect_timeout must be a time
--- config
location / { proxy_connect_timeout x; }
--- must_die
--- error_log
[emerg]
"proxy_connect_timeout" directive invalid value in

=== TEST 21: proxy_pass in the server block is not allowed
--- config
proxy_pass http://127.0.0.1:1;
--- must_die
--- error_log
[emerg]
"proxy_pass" directive is not allowed here in

=== TEST 22: proxy_next_upstream_tries must be a number
--- config
location / { proxy_pass http://127.0.0.1:1; proxy_next_upstream_tries x; }
--- must_die
--- error_log
[emerg]
"proxy_next_upstream_tries" directive invalid number in
