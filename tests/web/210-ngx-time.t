# ngx time functions: the cached clock (ngx.now/time constant until ngx.update_time), today,
# localtime, utctime, http_time, cookie_time, parse_http_time with nginx's accepted formats and
# garbage. Expected bodies are nginx's answers (ngx_lua 0.10.23).

=== TEST 1: ngx.time and ngx.now agree
--- config
location /t { content_by_lua_block {
local t, n = ngx.time(), ngx.now()
ngx.say(type(t), " ", type(n), " ", t == math.floor(n), " ", math.abs(t - os.time()) <= 2)
} }
--- request
GET /t
--- response_body
number number true true

=== TEST 2: ngx.now has millisecond resolution
--- config
location /t { content_by_lua_block {
local n = ngx.now()
ngx.say(n * 1000 == math.floor(n * 1000 + 0.5))
} }
--- request
GET /t
--- response_body
true

=== TEST 3: ngx.now stays constant until update_time
--- config
location /t { content_by_lua_block {
local a = ngx.now() local x = 0 for i = 1, 2e6 do x = x + i end local b = ngx.now()
ngx.update_time() local c = ngx.now()
ngx.say(a == b, " ", c >= b)
} }
--- request
GET /t
--- response_body
true true

=== TEST 4: ngx.now moves after a sleep
--- config
location /t { content_by_lua_block {
local a = ngx.now() ngx.sleep(0.05) local b = ngx.now()
ngx.say(b - a >= 0.04, " ", b - a < 1)
} }
--- request
GET /t
--- response_body
true true

=== TEST 5: today, localtime and utctime formats
--- config
location /t { content_by_lua_block {
ngx.say(ngx.today():match("^%d%d%d%d%-%d%d%-%d%d$") ~= nil, " ", ngx.localtime():match("^%d%d%d%d%-%d%d%-%d%d %d%d:%d%d:%d%d$") ~= nil, " ", ngx.utctime():match("^%d%d%d%d%-%d%d%-%d%d %d%d:%d%d:%d%d$") ~= nil)
} }
--- request
GET /t
--- response_body
true true true

=== TEST 6: utctime matches os.date
--- config
location /t { content_by_lua_block {
ngx.update_time()
ngx.say(ngx.utctime() == os.date("!%Y-%m-%d %H:%M:%S", ngx.time()), " ", ngx.localtime() == os.date("%Y-%m-%d %H:%M:%S", ngx.time()), " ", ngx.today() == os.date("%Y-%m-%d", ngx.time()))
} }
--- request
GET /t
--- response_body
true true true

=== TEST 7: http_time
--- config
location /t { content_by_lua_block {
ngx.say(ngx.http_time(0))
ngx.say(ngx.http_time(1290079655))
ngx.say(ngx.http_time(1.9))
ngx.say(ngx.http_time(2^31))
} }
--- request
GET /t
--- response_body
Thu, 01 Jan 1970 00:00:00 GMT
Thu, 18 Nov 2010 11:27:35 GMT
Thu, 01 Jan 1970 00:00:01 GMT
Tue, 19 Jan 2038 03:14:08 GMT

=== TEST 8: http_time clamps to 1970 and 9999
--- config
location /t { content_by_lua_block {
ngx.say(ngx.http_time(-1))
ngx.say(ngx.http_time(253402300800))
ngx.say(ngx.http_time(1e300))
ngx.say(ngx.http_time(0/0))
} }
--- request
GET /t
--- response_body
Thu, 01 Jan 1970 00:00:00 GMT
Fri, 31 Dec 9999 23:59:59 GMT
Thu, 01 Jan 1970 00:00:00 GMT
Thu, 01 Jan 1970 00:00:00 GMT

=== TEST 9: cookie_time
--- config
location /t { content_by_lua_block {
ngx.say(ngx.cookie_time(0))
ngx.say(ngx.cookie_time(1290079655))
ngx.say(ngx.cookie_time(946684800))
} }
--- request
GET /t
--- response_body
Thu, 01-Jan-70 00:00:00 GMT
Thu, 18-Nov-10 11:27:35 GMT
Sat, 01-Jan-00 00:00:00 GMT

=== TEST 10: cookie_time uses four-digit years after 2037
--- config
location /t { content_by_lua_block {
ngx.say(ngx.cookie_time(2145916799))
ngx.say(ngx.cookie_time(2145916800))
ngx.say(ngx.cookie_time(253402300800))
} }
--- request
GET /t
--- response_body
Thu, 31-Dec-37 23:59:59 GMT
Fri, 01-Jan-2038 00:00:00 GMT
Fri, 31-Dec-9999 23:59:59 GMT

=== TEST 11: http_time and cookie_time want a number
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.http_time, "12")))
ngx.say(select(2, pcall(ngx.cookie_time)))
} }
--- request
GET /t
--- response_body
number argument only
number argument only

=== TEST 12: parse_http_time RFC 822, RFC 850 and asctime
--- config
location /t { content_by_lua_block {
ngx.say(ngx.parse_http_time("Thu, 18 Nov 2010 11:27:35 GMT"))
ngx.say(ngx.parse_http_time("Thursday, 18-Nov-10 11:27:35 GMT"))
ngx.say(ngx.parse_http_time("Thu Nov 18 11:27:35 2010"))
ngx.say(ngx.parse_http_time("Thu Nov  8 11:27:35 2010"))
} }
--- request
GET /t
--- response_body
1290079655
1290079655
1290079655
1289215655

=== TEST 13: parse_http_time is lenient where nginx is
--- config
location /t { content_by_lua_block {
ngx.say(ngx.parse_http_time("xxx, 18 Nov 2010 11:27:35 UTC"))
ngx.say(ngx.parse_http_time("Thu,18 Nov 2010 11:27:35"))
ngx.say(ngx.parse_http_time("Thu, 18 Nov 2010 11:27:35 GMT junk"))
ngx.say(ngx.parse_http_time("Thu, 18 Jux 2010 11:27:35 GMT"))
} }
--- request
GET /t
--- response_body
1290079655
1290079655
1290079655
1279452455

=== TEST 14: parse_http_time garbage is nil
--- config
location /t { content_by_lua_block {
for _, s in ipairs{"garbage", "", "Thu, 18-Nov-2010 11:27:35 GMT", "18 Nov 2010 11:27:35 GMT", "Thu, 1 Nov 2010 11:27:35 GMT", "Thu, 18 nov 2010 11:27:35 GMT", "Thu, 18 Nov 2010 25:27:35 GMT", "Thu, 18 Nov 2010 1a:27:35 GMT", "Thu, 18 Nov 2010 11:27:3"} do ngx.say(tostring(ngx.parse_http_time(s))) end
} }
--- request
GET /t
--- response_body
nil
nil
nil
nil
nil
nil
nil
nil
nil

=== TEST 15: parse_http_time checks days and leap years
--- config
location /t { content_by_lua_block {
ngx.say(tostring(ngx.parse_http_time("Thu, 31 Feb 2010 11:27:35 GMT")))
ngx.say(tostring(ngx.parse_http_time("Thu, 29 Feb 2001 11:27:35 GMT")))
ngx.say(tostring(ngx.parse_http_time("Tue, 29 Feb 2000 11:27:35 GMT")))
ngx.say(tostring(ngx.parse_http_time("Mon, 29 Feb 1900 00:00:00 GMT")))
} }
--- request
GET /t
--- response_body
nil
nil
951823655
nil

=== TEST 16: parse_http_time edges of the range
--- config
location /t { content_by_lua_block {
ngx.say(tostring(ngx.parse_http_time("Thu, 18 Nov 1969 11:27:35 GMT")))
ngx.say(tostring(ngx.parse_http_time("Wed, 31 Dec 1969 23:59:59 GMT")))
ngx.say(tostring(ngx.parse_http_time("Fri, 31 Dec 9999 23:59:59 GMT")))
ngx.say(tostring(ngx.parse_http_time("Mon, 01 Jan 10000 00:00:00 GMT")))
} }
--- request
GET /t
--- response_body
-3760345
nil
253402300799
nil

=== TEST 17: parse_http_time wants a string
--- config
location /t { content_by_lua_block {
ngx.say(select(2, pcall(ngx.parse_http_time, nil)))
ngx.say(select(2, pcall(ngx.parse_http_time, 12)))
} }
--- request
GET /t
--- response_body
string argument only
string argument only

=== TEST 18: http_time and parse_http_time round trip
--- config
location /t { content_by_lua_block {
local ok = true for t = 0, 4e9, 123456789 do if ngx.parse_http_time(ngx.http_time(t)) ~= t then ok = false end end ngx.say(ok)
} }
--- request
GET /t
--- response_body
true
