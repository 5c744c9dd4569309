local LRU = {} LRU.__index = LRU
function LRU.new(cap) return setmetatable({cap = cap, map = {}, head = {}, size = 0}, LRU) end
function LRU:_unlink(n) n.prev.next, n.next.prev = n.next, n.prev end
function LRU:_push(n) local h = self.head n.next, n.prev = h.next or h, h h.next = n n.next.prev = n end
function LRU:get(k)
  local n = self.map[k] if not n then return nil end
  self:_unlink(n) self:_push(n) return n.v
end
function LRU:set(k, v)
  local n = self.map[k]
  if n then n.v = v self:_unlink(n) self:_push(n) return end
  if self.size == self.cap then
    local last = self.head.prev self:_unlink(last) self.map[last.k] = nil self.size = self.size - 1
  end
  n = {k = k, v = v} self.map[k] = n self:_push(n) self.size = self.size + 1
end
function LRU:keys() local out, n = {}, self.head.next while n ~= self.head do out[#out + 1] = n.k n = n.next end return table.concat(out, ",") end
local c = LRU.new(3)
c.head.next, c.head.prev = c.head, c.head
c:set("a", 1) c:set("b", 2) c:set("c", 3)
print(c:keys(), c:get("a"), c:keys())
c:set("d", 4)
print(c:keys(), c:get("b"), c.size)
c:set("c", 30) print(c:keys(), c:get("c"))
