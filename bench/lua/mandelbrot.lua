-- Floating point: the Mandelbrot set on an N x N grid; the checksum counts points inside
-- and sums a per-row hash of the bit pattern (instead of writing a PBM image).
local N = tonumber(arg and arg[1]) or 3000
local iter = 50

local inside, hash = 0, 0
for y = 0, N - 1 do
  local Ci = 2 * y / N - 1
  local rowbits = 0
  for x = 0, N - 1 do
    local Cr = 2 * x / N - 1.5
    local Zr, Zi, Zrq, Ziq = 0.0, 0.0, 0.0, 0.0
    local escaped = false
    for _ = 1, iter do
      Zi = 2 * Zr * Zi + Ci
      Zr = Zrq - Ziq + Cr
      Zrq = Zr * Zr
      Ziq = Zi * Zi
      if Zrq + Ziq > 4.0 then escaped = true; break end
    end
    if not escaped then
      inside = inside + 1
      rowbits = (rowbits * 31 + x + 1) % 1000003
    end
  end
  hash = (hash + rowbits * (y + 1)) % 1000000007
end
print("size " .. N, "inside " .. inside, "hash " .. hash)
