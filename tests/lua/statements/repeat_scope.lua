-- The until condition sees locals declared in the loop body.
local i = 0
repeat
  local done = i >= 3
  i = i + 1
until done
print(i)
local fs = {}
local k = 0
repeat local j = k fs[#fs + 1] = function() return j end k = k + 1 until j >= 2
print(fs[1](), fs[2](), fs[3]())
