# Filling a shared dict past its size: the store that evicts says forcible, and eviction takes
# the least recently used entries first (a get moves a key to the head), as nginx does.

=== TEST 1: forcible at the first eviction; a key kept in use survives, the oldest others go
--- http_config
lua_shared_dict small 64k;
--- config
location /t {
    content_by_lua_block {
        local d = ngx.shared.small
        local value = string.rep("v", 1500)
        local first, gone
        for i = 1, 40 do
            local ok, err, forcible = d:set("k" .. i, value)
            if not ok then ngx.say("set k", i, ": ", err) end
            if i % 2 == 0 then d:get("k1") end
            if forcible and not first then
                first = i
                -- get_keys lists without counting as a use (get would move the keys).
                local live = {}
                for _, k in ipairs(d:get_keys(0)) do live[k] = true end
                gone = {}
                for j = 1, i do if not live["k" .. j] then gone[#gone + 1] = j end end
            end
        end
        ngx.say("first forcible: k", first, ", evicted then: ", table.concat(gone, " "))
        local present = {}
        for i = 1, 40 do if d:get("k" .. i) then present[#present + 1] = i end end
        ngx.say("present: ", table.concat(present, " "))
    }
}
--- request
GET /t
--- response_body
first forcible: k27, evicted then: 2
present: 1 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40

=== TEST 2: safe_set never evicts: no memory, and everything stored stays
--- http_config
lua_shared_dict small 64k;
--- config
location /t {
    content_by_lua_block {
        local d = ngx.shared.small
        local value = string.rep("v", 1500)
        local stored = 0
        for i = 1, 40 do
            local ok, err, forcible = d:safe_set("k" .. i, value)
            if not ok then ngx.say("k", i, ": ", err, " ", tostring(forcible)) break end
            stored = stored + 1
        end
        local present = 0
        for i = 1, 40 do if d:get("k" .. i) then present = present + 1 end end
        ngx.say(stored, " ", present)
    }
}
--- request
GET /t
--- response_body
k27: no memory false
26 26

=== TEST 3: add and incr with init evict too and say forcible
--- http_config
lua_shared_dict small 64k;
--- config
location /t {
    content_by_lua_block {
        local d = ngx.shared.small
        local value = string.rep("v", 1500)
        for i = 1, 26 do d:set("k" .. i, value) end
        ngx.say("add: ", d:add("new", value))
        ngx.say("k1 gone: ", d:get("k1") == nil)
        d:flush_all()
        d:flush_expired()
        for i = 1, 1000 do
            local v, err, forcible = d:incr("c" .. i, 1, 0)
            if forcible then ngx.say("incr forcible at c", i, ": ", v, " ", err, "; c1: ", tostring(d:get("c1")), ", c2: ", tostring(d:get("c2"))) break end
        end
    }
}
--- request
GET /t
--- response_body
add: trueniltrue
k1 gone: true
incr forcible at c448: 1 nil; c1: nil, c2: 1
