local out = {}
do
  local p = newproxy(true)
  getmetatable(p).__gc = function() out[#out + 1] = "collected" end
end
collectgarbage() collectgarbage()
print(#out, out[1])
