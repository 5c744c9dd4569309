local t = {}
print(pcall(function() return t.a_rather_long_field_name_that_keeps_going.x end))
print(pcall(function() return t["key with spaces"].x end))
print(pcall(function() return t[1.5].x end))
