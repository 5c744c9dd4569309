-- Every numeric parameter LuaJIT knows is accepted as name=digits.
local params = { "maxtrace", "maxrecord", "maxirconst", "maxside", "maxsnap", "minstitch", "hotloop",
  "hotexit", "tryside", "instunroll", "loopunroll", "callunroll", "recunroll", "sizemcode", "maxmcode" }
for _, p in ipairs(params) do print(p, pcall(jit.opt.start, p .. "=7")) end
print(pcall(jit.opt.start, "hotloop=1", "hotexit=2", "maxmcode=4096"))
