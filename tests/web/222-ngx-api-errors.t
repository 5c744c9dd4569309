# Errors the codec, time and regex functions raise when not caught: the request gets 500 and the
# error log nginx's "lua entry thread aborted" line with the message as ngx_lua words it (with the
# caller's position where LuaJIT adds one). Lines recorded from nginx 1.22 + ngx_lua 0.10.23.

=== TEST 1: escape_uri with a bad type: level-3 error, no position from the main chunk
--- config
location /t { content_by_lua_block { ngx.escape_uri("x", "a") } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: "type" is not a number

=== TEST 2: decode_base64 of nil names the caller's line
--- config
location /t { content_by_lua_block { ngx.decode_base64(nil) } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):1: string argument only

=== TEST 3: hmac_sha1 argument count
--- config
location /t { content_by_lua_block { ngx.hmac_sha1("k") } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):1: expecting 2 arguments, but got 1

=== TEST 4: encode_args with a non-string key
--- config
location /t { content_by_lua_block { ngx.encode_args({[1] = 2}) } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):1: attempt to use a non-string key in the "args" option table

=== TEST 5: http_time wants a number
--- config
location /t { content_by_lua_block { ngx.http_time("x") } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):1: number argument only

=== TEST 6: quote_sql_str without an argument
--- config
location /t { content_by_lua_block { ngx.quote_sql_str() } }
--- request
GET /t
--- error_code: 500
--- error_log
lua entry thread aborted: runtime error: content_by_lua(nginx.conf:15):1: expecting one argument

=== TEST 7: an unknown regex flag (nginx's position is inside resty.core's regex.lua)
--- config
location /t { content_by_lua_block { ngx.re.match("a", "a", "z") } }
--- request
GET /t
--- error_code: 500
--- error_log
unknown flag "z" (flags "z")

=== TEST 8: an error inside a gsub replacement function aborts the handler
--- config
location /t { content_by_lua_block { ngx.re.gsub("abc", "b", function(m) error("bad replacement") end) } }
--- request
GET /t
--- error_code: 500
--- error_log
content_by_lua(nginx.conf:15):1: bad replacement
