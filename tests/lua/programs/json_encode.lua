local function encode(v, out)
  local t = type(v)
  if t == "nil" then out[#out + 1] = "null"
  elseif t == "boolean" then out[#out + 1] = tostring(v)
  elseif t == "number" then out[#out + 1] = v % 1 == 0 and string.format("%d", v) or string.format("%.14g", v)
  elseif t == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', function(c)
      local map = {['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\t"] = "\\t"}
      return map[c] or string.format("\\u%04x", c:byte())
    end) .. '"'
  elseif t == "table" then
    if #v > 0 or next(v) == nil then
      out[#out + 1] = "["
      for i = 1, #v do if i > 1 then out[#out + 1] = "," end encode(v[i], out) end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = tostring(k) end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        encode(k, out) out[#out + 1] = ":" encode(v[k], out)
      end
      out[#out + 1] = "}"
    end
  else error("cannot encode " .. t) end
  return out
end
local function json(v) return table.concat(encode(v, {})) end
print(json({name = "tidegate", tags = {"lua", "jit"}, version = 2.1, ok = true, nested = {a = {1, 2, {b = "x\ny\1"}}}}))
print(json({}), json(""), json(-0.5), json(1e15))
print(pcall(json, {f = print}))
