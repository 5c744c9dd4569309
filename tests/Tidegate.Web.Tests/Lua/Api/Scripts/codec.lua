local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local all = {} for i=0,255 do all[#all+1]=string.char(i) end all = table.concat(all)
ngx.say(ngx.escape_uri(all))
ngx.say(ngx.escape_uri(all, 0))
for t=1,6 do ngx.say(t, " ", ngx.escape_uri(all, t)) end
ngx.say(pcall(ngx.escape_uri, "x", "a"))
ngx.say(pcall(ngx.escape_uri, "x", 7))
ngx.say(pcall(ngx.escape_uri, "x", -1))
ngx.say(pcall(ngx.escape_uri, "x", 1.5))
ngx.say(ngx.unescape_uri("a%20b+c%zz%4%41%e9%"), "|", ngx.unescape_uri(nil), "|", ngx.unescape_uri(12))
ngx.say(ngx.unescape_uri("%2"), "|", ngx.unescape_uri("%%41"), "|", ngx.unescape_uri("%4g"),"|", ngx.unescape_uri("%00x"):len())
ngx.say(ngx.encode_base64("hello"), " ", ngx.encode_base64("hello", true), " ", ngx.encode_base64(nil), "|", ngx.encode_base64(123), " ", ngx.encode_base64(true))
ngx.say(pcall(ngx.encode_base64, "x", 1))
ngx.say(ngx.decode_base64("aGVsbG8="), " ", ngx.decode_base64("aGVsbG8"), " ", tostring(ngx.decode_base64("aGVsb*G8=")), " ", tostring(ngx.decode_base64("a")), " ", ngx.decode_base64(""), "|", tostring(ngx.decode_base64("aGVsbG8=\n")), tostring(ngx.decode_base64("aGVs bG8=")))
ngx.say(tostring(ngx.decode_base64("aGVsbG8==")), " ", tostring(ngx.decode_base64("aGV=sbG8")), " ", tostring(ngx.decode_base64("-_-_")), " ", tostring(ngx.decode_base64("aGVsbA")), " ", tostring(ngx.decode_base64("aGVsbB")))
ngx.say(pcall(ngx.decode_base64, nil))
ngx.say(pcall(ngx.decode_base64, 12))
ngx.say(ngx.md5("hello"), " ", hex(ngx.md5_bin("hello")), " ", hex(ngx.sha1_bin("hello")), " ", ngx.md5(nil), " ", ngx.md5(12))
ngx.say(hex(ngx.hmac_sha1("key", "data")))
ngx.say(pcall(ngx.hmac_sha1, nil, "data"))
ngx.say(pcall(ngx.hmac_sha1, "k", nil))
ngx.say(pcall(ngx.hmac_sha1, 12, 13))
ngx.say(pcall(ngx.hmac_sha1, "k"))
ngx.say(ngx.crc32_short("hello"), " ", ngx.crc32_long("hello"), " ", ngx.crc32_short(""), " ", ngx.crc32_long(all))
ngx.say(ngx.quote_sql_str("a'b\"c\\d\0e\n\r\t\26f\b"), " ", ngx.quote_sql_str(12))
ngx.say(pcall(ngx.quote_sql_str, nil))
ngx.say(pcall(ngx.quote_sql_str, {}))
ngx.say(pcall(ngx.quote_sql_str))
for t=0,6 do
  local words = {}
  for w=0,7 do
    local v = 0
    for b=0,31 do
      local c = w*32+b
      if ngx.escape_uri(string.char(c), t) ~= string.char(c) then v = v + 2^b end
    end
    words[#words+1] = string.format("0x%08x", v)
  end
  ngx.say(t, ": ", table.concat(words, ", "))
end
ngx.say(ngx.escape_uri(nil,nil), "|", ngx.escape_uri("a b", nil))
ngx.say(ngx.encode_args({a=1}))
ngx.say(ngx.encode_args({["a b"]="c d"}), ngx.encode_args({x=true}), ngx.encode_args({y=false}), ngx.encode_args({z={"1", 2, true, false}}))
ngx.say(ngx.encode_args({}), "|", pcall(ngx.encode_args, {[1]="x"}))
ngx.say(pcall(ngx.encode_args, {a={}}))
ngx.say(pcall(ngx.encode_args, {a={{}}}))
ngx.say(pcall(ngx.encode_args, {a=function() end}))
ngx.say(pcall(ngx.encode_args, {[true]="x"}))
ngx.say(pcall(ngx.encode_args, "x"))
ngx.say(pcall(ngx.encode_args))
ngx.say(pcall(ngx.encode_args, {}, 1))
ngx.say(ngx.encode_args({a="é&=/?+"}), " ", "-", " ", ngx.encode_args({a=1.5}), " ", ngx.encode_args({a={}}))
ngx.say(pcall(ngx.encode_args, {a=ngx.null}))
local function dump(t) local k={} for key in pairs(t) do k[#k+1]=key end table.sort(k) local o={} for _,key in ipairs(k) do local v=t[key] if type(v)=="table" then v="{"..table.concat((function() local r={} for i,x in ipairs(v) do r[i]=tostring(x) end return r end)(),",").."}" end o[#o+1]=key.."="..tostring(v) end return table.concat(o," ") end
ngx.say(dump(ngx.decode_args("a=1&b=2&a=3&c&d=&=e&f=%20+x&&g=1=2")))
ngx.say(dump(ngx.decode_args("a=1&b=2&c=3", 2)))
ngx.say(dump(ngx.decode_args("a=1&b=2&c=3", 0)))
ngx.say(dump(ngx.decode_args("a=1&b=2&c=3", -1)))
ngx.say(dump(ngx.decode_args("")), "|", dump(ngx.decode_args("&&&")), "|", dump(ngx.decode_args("a%3Db=c%26d")))
ngx.say(pcall(ngx.decode_args, nil))
ngx.say(pcall(ngx.decode_args, {}))
ngx.say(pcall(ngx.decode_args))
ngx.say(dump(ngx.decode_args(12)))
local t = {} for i=1,120 do t[#t+1]="k"..i.."=v" end
local n=0 for _ in pairs(ngx.decode_args(table.concat(t,"&"))) do n=n+1 end
ngx.say(n)
ngx.say(dump(ngx.decode_args("a=1&a=2&a", 2)))
ngx.say(dump(ngx.decode_args("a+b=c+d")))
for _, t in ipairs{{a=false}, {a={false}}, {a={false,"x"}}, {a={"x",false}}, {a={true,true}}, {a=""}, {a={""}}, {a={1,nil,3}}} do ngx.say("[", ngx.encode_args(t), "]") end
ngx.say(pcall(ngx.encode_args, {a={[2]="x"}}))
ngx.say(pcall(ngx.encode_args, {a={x="y"}}))
ngx.say(ngx.encode_args({a=1e20}), ngx.encode_args({a=-0.0}), ngx.encode_args({a=1/0}))
local function dump(t) local k={} for key in pairs(t) do k[#k+1]=key end table.sort(k) local o={} for _,key in ipairs(k) do local v=t[key] if type(v)=="table" then v="{"..table.concat((function() local r={} for i,x in ipairs(v) do r[i]=tostring(x) end return r end)(),",").."}" end o[#o+1]=key.."="..tostring(v) end return table.concat(o," ") end
ngx.say(select('#', ngx.decode_args("a&b&c", 2)), " ", select(2, ngx.decode_args("a&b&c", 2)))
ngx.say(dump(ngx.decode_args("&&&a=1&b=2", 2)), "|", dump(ngx.decode_args("=x&a=1&b=2", 2)))
ngx.say(dump(ngx.decode_args("a=1&b=2", "1")))
ngx.say(pcall(ngx.decode_args, "a=1", "x"))
ngx.say(dump(ngx.decode_args("a=%4+&b=%%41&c=%")))
ngx.say(dump(ngx.decode_args("a=1&a=2&a=3")), "|", dump(ngx.decode_args("a&a=2")))
ngx.say(dump(ngx.decode_args("a==b&=&b")))
ngx.say(pcall(ngx.md5))
ngx.say(pcall(ngx.crc32_long))
