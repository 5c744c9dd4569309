local function show(...)
  local t = {}
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    if type(v) == "table" then
      local keys = {}
      for k in pairs(v) do keys[#keys+1] = k end
      table.sort(keys, function(a,b) return tostring(a) < tostring(b) end)
      local parts = {}
      for _, k in ipairs(keys) do
        local x = v[k]
        if type(x) == "table" then x = "{" .. table.concat(x, ",") .. "}" end
        parts[#parts+1] = tostring(k) .. "=" .. tostring(x)
      end
      t[#t+1] = "{" .. table.concat(parts, " ") .. "}"
    else t[#t+1] = tostring(v) end
  end
  ngx.say(table.concat(t, " | "))
end
show(ngx.re.match("hello, 1234", "([0-9])[0-9]+"))
show(ngx.re.match("hello", "(?<first>h)(x)?(e)"))
show(ngx.re.match("hello", "(h"))
show(ngx.re.match("hello", "[a"))
show(ngx.re.match("hello", "a**"))
show(ngx.re.match("hello", "(?<n>h)(?<n>e)"))
show(ngx.re.match("hello", "(?<n>h)(?<n>e)", "D"))
show(ngx.re.match("hello", "(?<n>h)|(?<n>e)", "D"))
do local ok, e = pcall(ngx.re.match, "hello", "h", "z") ngx.say(ok, " ", e:match("unknown flag.*")) end
show(ngx.re.match("HELLO", "h", "i"))
show(ngx.re.find("hello, 1234", "([0-9])([0-9]+)", "jo", nil, 2))
show(ngx.re.find("hello", "l+"))
local ctx = {pos=3}
show(ngx.re.match("hello", "l", nil, ctx), ctx.pos)
show(ngx.re.gsub("abc", "b*", "-"))
show(ngx.re.gsub("hello world", "(o)", "[$0${1}$$]"))
show(ngx.re.gsub("hello world", "o", "$2"))
show(ngx.re.gsub("hello world", "o", "$"))
show(ngx.re.gsub("hello world", "o", "${1"))
show(ngx.re.gsub("hello world", "(o)", "$1a"))
show(ngx.re.gsub("hello world", "(o)", "${1}a$a"))
show(ngx.re.sub("hello world", "o", function(m) return nil end))
show(ngx.re.gsub("hello world", "o", function(m) return 12 end))
show(ngx.re.match("a\nb", "^b", "m"), ngx.re.match("a\nb", "a.b", "s"), ngx.re.match("a\nb", "a.b"))
show(ngx.re.match("ab", "a b # c", "x"))
show(ngx.re.match("xab", "ab", "a"), ngx.re.match("abx", "ab", "a"))
show(ngx.re.match("héllo", "h.l", "u"), ngx.re.match("héllo", "h.l"), ngx.re.match("héllo", "h..l"))
show(ngx.re.match("h\xffllo", "h.l", "u"))
show(ngx.re.match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "(a+)+$"))
show(ngx.re.match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", "(a|aa)+$"))
show(ngx.re.match("aaa", "a++"))
show(ngx.re.match("hello", "l+", "d"), ngx.re.match("hello", "(l)+", "d"))
show(ngx.re.match(nil, "nil"), ngx.re.match(12, "2"))
show(ngx.re.find("hello", "(l)(x)?", nil, nil, 2))
show(ngx.re.find("hello", "(l)(x)?", nil, nil, 3))
local it = ngx.re.gmatch("a1b22c333", "[0-9]+")
show(it(), it(), it(), it(), it())
local it2, err = ngx.re.gmatch("a", "(")
show(it2, err)
local re = require "ngx.re"
show(re.split("a,b,,c,", ","))
show(re.split("a,b,,c,", ",", nil, nil, 2))
show(re.split("abc", ""))
show(re.split("a1b2c", "([0-9])"))
show(pcall(re.opt, "foo", 1))
