package.path = "./?.lua;/nonexistent/?.lua"
package.cpath = "/nonexistent/?.so"
local ok, e = pcall(require, "no_such_module_xyz")
print(ok)
print(e)
