package.path = "/nonexistent/?.lua"
package.cpath = "/nonexistent/?.so"
print(pcall(require, "cjson_not_here"))
