for _, kw in ipairs({"and","break","do","else","elseif","end","false","for","function","if","in","local","nil","not","or","repeat","return","then","true","until","while"}) do
  local f, err = loadstring(kw .. " = 1")
  print(kw, f == nil, err)
end
