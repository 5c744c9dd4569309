local function walk(node, depth)
  if not node then return 0 end
  coroutine.yield(string.rep("  ", depth) .. node.name)
  return 1 + walk(node.left, depth + 1) + walk(node.right, depth + 1)
end
local tree = {name = "root", left = {name = "L", left = {name = "LL"}}, right = {name = "R", right = {name = "RR"}}}
local co = coroutine.create(function() return walk(tree, 0) end)
while true do
  local ok, v = coroutine.resume(co)
  print(v)
  if coroutine.status(co) == "dead" then break end
end
