for _, p in ipairs{")", "a{2,1}", "\\", "(?<n", "(?z)", "x{99999}", "[z-a]", "\\k<nope>", "(?<=a+)b", "\\1", "(a)\\2", "\\p{Foo}", "a{,3}", "x**", "+a", "a|*", "(?<1a>x)", "\\xZ", "[[:alpha:]]+", "[[:foo:]]", "\\ca", "(?i)A", "\\y", "(?P<n>a)(?P=n)", "\\g{-1}", "(a)\\g1", "a(?#c)b", "\\Qa.b\\E.", string.rep("(", 10) .. string.rep("x", 200)} do
  local m, err = ngx.re.match("xaa", p)
  ngx.say(p:sub(1,20), " => ", tostring(m and m[0]), " ", tostring(err))
end
for _, r in ipairs{"$10", "${12}", "${a}", "$1$", "${1}${0}", "$$1", "$a", "${}", "[$ 1]", "\\$1"} do
  ngx.say(r, " => ", tostring(ngx.re.gsub("hello", "(l)", r)), " ", tostring(({ngx.re.gsub("hello", "(l)", r)})[3]))
end
local t = {} for i = 1, 12 do t[#t+1] = "(.)" end
ngx.say(ngx.re.gsub("abcdefghijklmn", table.concat(t), "$10|$11|$12|$1"))
