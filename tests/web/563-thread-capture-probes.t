# Probes of issue 5's threads and subrequests against nginx: coroutine.* inside a handler, ngx.thread.kill
# on a parked thread (the coroutine is dead after), capture with ctx, share_all_vars and copy_all_vars.

=== TEST 1: coroutines, kill and capture options as nginx answers them
--- config
location /sub { content_by_lua_block {
  ngx.ctx.seen = (ngx.ctx.seen or "none")
  ngx.var.v = (ngx.var.v or "") .. "+sub"
  ngx.say("sub ctx=", tostring(ngx.ctx.x), " v=", ngx.var.v)
  ngx.ctx.fromsub = 1
} }
location /t { set $v "main"; content_by_lua_block {
  -- coroutine status/wrap inside handlers
  local co = coroutine.create(function(a) local b = coroutine.yield(a + 1); ngx.sleep(0.001); return b * 2 end)
  ngx.say(coroutine.status(co), " ", coroutine.resume(co, 1))
  ngx.say(coroutine.status(co), " ", coroutine.resume(co, 5))
  ngx.say(coroutine.status(co), " ", coroutine.resume(co))
  ngx.say(coroutine.running() ~= nil, " ", coroutine.status(coroutine.running()))
  local w = coroutine.wrap(function() coroutine.yield(1) coroutine.yield(2) end)
  ngx.say(w(), w(), select('#', w()))
  ngx.say(pcall(w))
  -- thread kill on a parked thread
  local t = ngx.thread.spawn(function() ngx.sleep(1) ngx.say("never") end)
  ngx.say(ngx.thread.kill(t))
  ngx.say(ngx.thread.kill(t))
  ngx.say(ngx.thread.wait(t))
  local t2 = ngx.thread.spawn(function() return 1 end)
  ngx.say(ngx.thread.kill(t2))
  ngx.say(coroutine.status(t), " ", coroutine.status(t2))
  -- capture with ctx / share_all_vars / copy_all_vars
  local ctx = { x = "given" }
  local res = ngx.location.capture("/sub", { ctx = ctx, share_all_vars = true })
  ngx.print(res.body)
  ngx.say("after share: v=", ngx.var.v, " fromsub=", tostring(ctx.fromsub), " seen=", tostring(ctx.seen))
  res = ngx.location.capture("/sub", { copy_all_vars = true })
  ngx.print(res.body)
  ngx.say("after copy: v=", ngx.var.v, " main ctx fromsub=", tostring(ngx.ctx.fromsub))
  res = ngx.location.capture("/sub", { ctx = ngx.ctx })
  ngx.print(res.body)
  ngx.say("after own ctx: fromsub=", tostring(ngx.ctx.fromsub))
} }
--- request
GET /t
--- response_body
suspended true2
suspended true10
dead falsecannot resume dead coroutine
true running
120
truefalsecannot resume dead coroutine
1
nilalready waited or killed
nilalready waited or killed
nilalready terminated
dead dead
sub ctx=given v=main+sub
after share: v=main+sub fromsub=1 seen=none
sub ctx=nil v=main+sub+sub
after copy: v=main+sub main ctx fromsub=nil
sub ctx=nil v=+sub
after own ctx: fromsub=1
--- error_log
using uninitialized "v" variable, client: 127.0.0.1, server: localhost, request: "GET /t HTTP/1.1", subrequest: "/sub"
