for _, spec in ipairs({"%5.1q", "%#s", "%0s", "%+s", "%.3c", "%#c", "%lld", "%hd", "%n", "%-5q", "%i"}) do
  local ok, r = pcall(string.format, spec, 65)
  print(spec, ok, r)
end
