-- "function or expression too complex": LuaJIT runs out of registers (LJ_MAX_SLOTS) while parsing, and
-- the message names the token it was reading then: the next argument, the token after the arguments
-- (not ')'), the '(' or '{' that opens a nested call's frame or a table, or '...'.
local function args(n) return string.rep("1,", n - 1) .. "1" end
local function try(label, src)
  local f, err = loadstring(src, "=src")
  print(label, f and "compiles" or err)
end
for _, n in ipairs({246, 247, 248, 249}) do
  try("last " .. n, "f(" .. args(n) .. ")\nlocal x = 1")
  try("last eof " .. n, "f(" .. args(n) .. ")")
  try("next " .. n, "f(" .. args(n) .. ", 2, 3)")
  try("string " .. n, "f(" .. args(n) .. ", 'str', [==[long]==])")
  try("nested call " .. n, "f(" .. args(n) .. ", g())")
  try("nested table " .. n, "f(" .. args(n) .. ", g{1})")
  try("string call " .. n, "f(" .. args(n) .. ", g'x')")
  try("method " .. n, "o:m(" .. args(n) .. ")\n;")
  try("vararg " .. n, "local function v(...) f(" .. args(n) .. ", ...) end")
  try("in table " .. n, "local t = {f(" .. args(n) .. ")}")
  try("after local " .. n, "local a, b = 1, 2\nreturn f(" .. args(n) .. ") + 1")
end
for _, depth in ipairs({80, 81, 82, 83}) do
  try("deep " .. depth, string.rep("f(", depth) .. "1" .. string.rep(")", depth))
  try("deep args " .. depth, string.rep("f(1, ", depth) .. "1" .. string.rep(")", depth))
end
