local function parse(s) return s.x.y end
local function run() local r = parse({}) return r end
run()
