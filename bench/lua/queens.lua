-- Backtracking over small integer arrays: count all solutions of the N-queens problem.
local n = tonumber(arg and arg[1]) or 13

local function solve(N)
  local cols, diag1, diag2 = {}, {}, {}
  for i = 1, 2 * N do cols[i] = false; diag1[i] = false; diag2[i] = false end
  local count = 0
  local function place(row)
    if row > N then count = count + 1; return end
    for c = 1, N do
      local d1, d2 = row + c, row - c + N
      if not cols[c] and not diag1[d1] and not diag2[d2] then
        cols[c], diag1[d1], diag2[d2] = true, true, true
        place(row + 1)
        cols[c], diag1[d1], diag2[d2] = false, false, false
      end
    end
  end
  place(1)
  return count
end

local total = 0
for size = 4, n do total = total + solve(size) end
print(n .. "-queens: " .. solve(n), "total 4.." .. n .. ": " .. total)
