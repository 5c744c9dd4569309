local function render(tpl, env)
  return (tpl:gsub("{{%s*([%w_%.]+)%s*}}", function(path)
    local v = env
    for part in path:gmatch("[^%.]+") do
      if type(v) ~= "table" then return "" end
      v = v[part]
    end
    return v == nil and "" or tostring(v)
  end))
end
local function render_loop(tpl, items)
  local out = {}
  for i, item in ipairs(items) do out[#out + 1] = render(tpl, {i = i, item = item}) end
  return table.concat(out, "\n")
end
print(render("Hello, {{ user.name }}! You have {{count}} new {{ what }}.", {user = {name = "Ana"}, count = 3, what = "messages"}))
print(render("{{missing.deep.path}}|{{ x }}", {x = false}))
print(render_loop("{{i}}. {{item.title}} ({{item.year}})", {{title = "Lua", year = 1993}, {title = "LuaJIT", year = 2005}}))
