-- A pure-Lua JSON encoder and decoder, round-tripping generated documents.
-- Objects are encoded with sorted keys so the text (and the checksum) is the same everywhere.
local n = tonumber(arg and arg[1]) or 2500

local byte, sub, char, format, concat = string.byte, string.sub, string.char, string.format, table.concat

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function escapeChar(c)
  return escapes[c] or format("\\u%04x", byte(c))
end

local encodeValue
local function encodeInto(v, out)
  local t = type(v)
  if t == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', escapeChar) .. '"'
  elseif t == "number" then
    if v == math.floor(v) and v > -1e15 and v < 1e15 then out[#out + 1] = format("%d", v)
    else out[#out + 1] = format("%.14g", v) end
  elseif t == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif t == "table" then
    if #v > 0 or next(v) == nil then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        encodeInto(v[i], out)
      end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        encodeInto(k, out)
        out[#out + 1] = ":"
        encodeInto(v[k], out)
      end
      out[#out + 1] = "}"
    end
  elseif v == nil then
    out[#out + 1] = "null"
  else
    error("cannot encode " .. t)
  end
end
function encodeValue(v)
  local out = {}
  encodeInto(v, out)
  return concat(out)
end

-- Decoder: a recursive-descent parser over byte positions.
local decodeAt
local function skipSpace(s, i)
  local c = byte(s, i)
  while c == 32 or c == 9 or c == 10 or c == 13 do i = i + 1; c = byte(s, i) end
  return i
end

local unescape = { [98] = "\b", [102] = "\f", [110] = "\n", [114] = "\r", [116] = "\t",
  [34] = '"', [92] = "\\", [47] = "/" }
local function decodeString(s, i)
  -- i is just after the opening quote.
  local parts, start = nil, i
  while true do
    local c = byte(s, i)
    if c == nil then error("unterminated string") end
    if c == 34 then
      local piece = sub(s, start, i - 1)
      if parts then parts[#parts + 1] = piece; return concat(parts), i + 1 end
      return piece, i + 1
    elseif c == 92 then
      parts = parts or {}
      parts[#parts + 1] = sub(s, start, i - 1)
      local e = byte(s, i + 1)
      if e == 117 then
        local code = tonumber(sub(s, i + 2, i + 5), 16)
        parts[#parts + 1] = char(code) -- the generator only escapes control characters
        i = i + 6
      else
        parts[#parts + 1] = unescape[e] or error("bad escape")
        i = i + 2
      end
      start = i
    else
      i = i + 1
    end
  end
end

function decodeAt(s, i)
  i = skipSpace(s, i)
  local c = byte(s, i)
  if c == 123 then -- {
    local obj = {}
    i = skipSpace(s, i + 1)
    if byte(s, i) == 125 then return obj, i + 1 end
    while true do
      local key
      key, i = decodeString(s, skipSpace(s, i) + 1)
      i = skipSpace(s, i)
      if byte(s, i) ~= 58 then error("expected ':' at " .. i) end
      obj[key], i = decodeAt(s, i + 1)
      i = skipSpace(s, i)
      local d = byte(s, i)
      if d == 125 then return obj, i + 1 end
      if d ~= 44 then error("expected ',' or '}' at " .. i) end
      i = i + 1
    end
  elseif c == 91 then -- [
    local arr, n = {}, 0
    i = skipSpace(s, i + 1)
    if byte(s, i) == 93 then return arr, i + 1 end
    while true do
      n = n + 1
      arr[n], i = decodeAt(s, i)
      i = skipSpace(s, i)
      local d = byte(s, i)
      if d == 93 then return arr, i + 1 end
      if d ~= 44 then error("expected ',' or ']' at " .. i) end
      i = i + 1
    end
  elseif c == 34 then
    return decodeString(s, i + 1)
  elseif c == 116 then return true, i + 4
  elseif c == 102 then return false, i + 5
  elseif c == 110 then return nil, i + 4
  else
    local numText = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    if not numText or numText == "" then error("unexpected character at " .. i) end
    return tonumber(numText), i + #numText
  end
end

local function decode(s)
  local v, i = decodeAt(s, 1)
  return v
end

-- Generated documents: a user list with nested objects, arrays and escaped strings.
local function makeDocument(k)
  local users = {}
  for i = 1, 20 do
    local id = k * 100 + i
    users[i] = {
      id = id,
      name = "user" .. id .. (i % 4 == 0 and ' "quoted"\n' or ""),
      active = i % 3 ~= 0,
      score = id * 1.25,
      tags = { "t" .. (i % 5), "group" .. (k % 7), "x\ty" },
      address = { street = i .. " Main St", zip = format("%05d", id % 100000) },
    }
  end
  return { page = k, total = 20, users = users, meta = { generated = true, version = "1.0" } }
end

local h, totalLength = 0, 0
for k = 1, n do
  local text = encodeValue(makeDocument(k))
  local back = decode(text)
  local again = encodeValue(back)
  if again ~= text then error("round trip changed document " .. k) end
  totalLength = totalLength + #text
  h = (h * 31 + #text + back.users[k % 20 + 1].id) % 2147483647
end
print("documents " .. n, "bytes " .. totalLength, "checksum " .. h)
