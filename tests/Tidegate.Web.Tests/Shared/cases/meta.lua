-- dicts: d 1m, d2 12k, Upper 64k
local d = ngx.shared.d
show("types", type(ngx.shared), getmetatable(ngx.shared), type(d), #d, type(d[1]))
show("shared metatable", getmetatable(d) == getmetatable(ngx.shared.d2), getmetatable(d).__index == getmetatable(d))
show("missing dict", ngx.shared.nope, ngx.shared.upper)
local ks = {} for k in pairs(getmetatable(d)) do ks[#ks + 1] = k end table.sort(ks)
show("methods", table.concat(ks, " "))
local ks = {} for k in pairs(ngx.shared) do ks[#ks + 1] = k end table.sort(ks)
show("dicts", table.concat(ks, " "))
show("capacities", d:capacity(), ngx.shared.d2:capacity(), ngx.shared.Upper:capacity())
show("free", d:free_space(), ngx.shared.d2:free_space(), ngx.shared.Upper:free_space())
try("assign into ngx.shared", function() ngx.shared.x = 1 return rawget(ngx.shared, "x") end)
try("separate dicts", function() d:set("k", 1) return ngx.shared.d2:get("k"), d:get("k") end)
try("method via colon on other dict", function() return d.get(ngx.shared.d2, "k") end)
