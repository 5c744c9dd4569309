-- Objects with metatables and closures: a Richards-like operating-system simulation.
-- Tasks of four kinds (a producer, workers, handlers, devices) pass packets through queues under a
-- priority scheduler; every task is an object whose methods come through __index, and the devices
-- run callbacks made of closures.
local rounds = tonumber(arg and arg[1]) or 200

local Packet = {}
Packet.__index = Packet

function Packet.new(link, id, kind)
  local data = {}
  for i = 1, 4 do data[i] = 0 end
  return setmetatable({ link = link, id = id, kind = kind, a1 = 0, data = data }, Packet)
end

-- Appends self to the queue that starts at head; returns the new head.
function Packet:appendTo(head)
  self.link = nil
  if head == nil then return self end
  local p = head
  while p.link ~= nil do p = p.link end
  p.link = self
  return head
end

local Task = {}
Task.__index = Task

function Task.new(scheduler, id, priority, queue, run)
  local t = setmetatable({
    scheduler = scheduler, id = id, priority = priority, queue = queue,
    held = false, suspended = queue == nil, run = run, link = nil,
  }, Task)
  return t
end

function Task:isRunnable()
  return not self.held and (not self.suspended or self.queue ~= nil)
end

function Task:takePacket()
  local p = self.queue
  if p then self.queue = p.link end
  return p
end

-- Adds a packet to this task's queue; returns the task to run next (self if it outranks current).
function Task:deliver(packet, current)
  local wasEmpty = self.queue == nil
  self.queue = packet:appendTo(self.queue)
  if wasEmpty and self.suspended then
    self.suspended = false
    if self.priority > current.priority then return self end
  end
  return current
end

local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new()
  return setmetatable({ tasks = {}, list = nil, queueCount = 0, holdCount = 0, current = nil }, Scheduler)
end

function Scheduler:add(task)
  self.tasks[task.id] = task
  -- Keep the list sorted by descending priority.
  if self.list == nil or task.priority > self.list.priority then
    task.link = self.list
    self.list = task
  else
    local t = self.list
    while t.link and t.link.priority >= task.priority do t = t.link end
    task.link = t.link
    t.link = task
  end
end

function Scheduler:send(packet, toId)
  local target = self.tasks[toId]
  if target == nil then return self.current end
  self.queueCount = self.queueCount + 1
  packet.link = nil
  packet.id = self.current.id
  return target:deliver(packet, self.current)
end

function Scheduler:wait()
  self.current.suspended = true
  return self.current
end

function Scheduler:hold()
  self.holdCount = self.holdCount + 1
  self.current.held = true
  return self.current.link
end

function Scheduler:release(id)
  local t = self.tasks[id]
  if t == nil then return self.current end
  t.held = false
  if t.priority > self.current.priority then return t end
  return self.current
end

function Scheduler:schedule()
  self.current = self.list
  while self.current do
    local t = self.current
    if t:isRunnable() then
      -- A runnable task with a queued packet wakes up and takes it.
      local packet = t:takePacket()
      if packet then t.suspended = false end
      self.current = t:run(packet) or self.list
    else
      self.current = t.link
    end
  end
end

-- Task behaviours. Ids: 1 idle, 2 worker, 3/4 handlers, 5/6 devices.
local function makeIdle(sched, count)
  local control, left = 1, count
  return function(task)
    left = left - 1
    if left == 0 then return sched:hold() end
    if control % 2 == 0 then
      control = control / 2
      return sched:release(5)
    else
      control = (control - 1) / 2 + 0xD008 % 7919
      return sched:release(6)
    end
  end
end

local function makeWorker(sched)
  local dest, count = 3, 0
  return function(task, packet)
    if packet == nil then return sched:wait() end
    dest = dest == 3 and 4 or 3
    packet.kind = dest
    packet.a1 = 0
    for i = 1, 4 do
      count = count % 26 + 1
      packet.data[i] = count
    end
    return sched:send(packet, dest)
  end
end

local function makeHandler(sched, deviceId)
  local work, devices = nil, nil
  local processed = 0
  return function(task, packet)
    if packet then
      if packet.kind == 1 then devices = packet:appendTo(devices)
      else work = packet:appendTo(work) end
    end
    if work then
      local w = work
      local idx = w.a1 + 1
      if idx > 4 then
        work = w.link
        processed = processed + 1
        return sched:send(w, 2)
      end
      if devices then
        local d = devices
        devices = d.link
        d.a1 = w.data[idx]
        w.a1 = idx
        return sched:send(d, deviceId)
      end
    end
    return sched:wait()
  end, function() return processed end
end

local function makeDevice(sched, handlerId)
  local pending = nil -- packets waiting to be sent back, oldest first
  local total = 0
  return function(task, packet)
    if packet == nil then
      if pending == nil then return sched:wait() end
      local p = pending
      pending = p.link
      return sched:send(p, handlerId)
    end
    total = total + packet.a1
    pending = packet:appendTo(pending)
    return sched:hold()
  end, function() return total end
end

local checksum, queued, held = 0, 0, 0
for round = 1, rounds do
  local s = Scheduler.new()
  local idle = Task.new(s, 1, 0, nil, makeIdle(s, 5000 + round % 100))
  idle.suspended = false
  s:add(idle)
  local wq = Packet.new(nil, 1, 2); wq = Packet.new(wq, 1, 2)
  local worker = Task.new(s, 2, 1000, wq, makeWorker(s))
  worker.suspended = false
  s:add(worker)
  local ha, countA = makeHandler(s, 5)
  local hb, countB = makeHandler(s, 6)
  local qa = Packet.new(nil, 5, 1); qa = Packet.new(qa, 5, 1); qa = Packet.new(qa, 5, 1)
  local qb = Packet.new(nil, 6, 1); qb = Packet.new(qb, 6, 1); qb = Packet.new(qb, 6, 1)
  local ta, tb = Task.new(s, 3, 2000, qa, ha), Task.new(s, 4, 3000, qb, hb)
  ta.suspended, tb.suspended = false, false
  s:add(ta); s:add(tb)
  local da, totalA = makeDevice(s, 3)
  local db, totalB = makeDevice(s, 4)
  s:add(Task.new(s, 5, 4000, nil, da))
  s:add(Task.new(s, 6, 5000, nil, db))
  s:schedule()
  queued = queued + s.queueCount
  held = held + s.holdCount
  checksum = (checksum * 7 + countA() * 3 + countB() * 5 + totalA() + totalB()) % 1000000007
end
print("queued " .. queued, "held " .. held, "checksum " .. checksum)
