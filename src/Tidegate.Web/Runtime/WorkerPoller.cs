namespace Tidegate.Web.Runtime;

/// <summary>Something registered with a worker's poller: told when its descriptor became readable or writable.</summary>
internal interface IPollTarget
{
    void OnReady(uint events);
}

/// <summary>
/// One worker's epoll instance, waited on by the worker's own thread, as nginx's event loop does.
/// With .NET's socket engine a completed read travelled from its epoll thread through a thread-pool
/// work item to a Post onto the worker: two thread switches per wait, all on the one core a worker
/// is pinned to. Client connections register here instead (edge-triggered, once, for reading and
/// writing) and their operations complete on the worker itself. An eventfd wakes the wait when
/// another thread posts work. Used only by its worker's thread, except <see cref="Wake"/>.
/// </summary>
internal sealed unsafe class WorkerPoller : IDisposable
{
    private const ulong WakeId = 0;
    private readonly int epoll;
    private readonly int wakeFd;
    // Registrations by slot (nginx keeps the connection's pointer in the event's data): an event's data is
    // the slot + 1 in its low half and the slot's generation in its high half, so a lookup is an array index,
    // and an event for a registration closed earlier (its slot since reused, or free) is recognised as stale.
    private IPollTarget?[] slots = new IPollTarget?[64];
    private uint[] generations = new uint[64];
    private readonly Stack<int> freeSlots = new();
    private int slotsUsed;
    private readonly LinuxEpoll.Event[] ready = new LinuxEpoll.Event[256];
    private int disposed;

    public WorkerPoller()
    {
        epoll = LinuxEpoll.Create(LinuxEpoll.EPOLL_CLOEXEC);
        if (epoll < 0) throw new IOException($"epoll_create1() failed ({System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        wakeFd = LinuxEpoll.EventFd(0, LinuxEpoll.EFD_CLOEXEC | LinuxEpoll.EFD_NONBLOCK);
        if (wakeFd < 0)
        {
            LinuxEpoll.Close(epoll);
            throw new IOException($"eventfd() failed ({System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        }
        var ev = new LinuxEpoll.Event { Events = LinuxEpoll.EPOLLIN, Data = WakeId };
        LinuxEpoll.Control(epoll, LinuxEpoll.EPOLL_CTL_ADD, wakeFd, &ev);
    }

    /// <summary>Registers a socket for edge-triggered readiness; returns its id, or 0 if epoll refused it.</summary>
    public ulong Register(int fd, IPollTarget target) =>
        Register(fd, target, LinuxEpoll.EPOLLIN | LinuxEpoll.EPOLLOUT | LinuxEpoll.EPOLLRDHUP | LinuxEpoll.EPOLLET);

    /// <summary>Registers a descriptor for the given epoll <paramref name="events"/>; returns its id, or 0 if epoll refused it (errno in Marshal.GetLastPInvokeError).</summary>
    public ulong Register(int fd, IPollTarget target, uint events)
    {
        int slot;
        if (freeSlots.Count > 0) slot = freeSlots.Pop();
        else
        {
            if (slotsUsed == slots.Length)
            {
                Array.Resize(ref slots, slots.Length * 2);
                Array.Resize(ref generations, generations.Length * 2);
            }
            slot = slotsUsed++;
        }
        ulong id = ((ulong)++generations[slot] << 32) | (uint)(slot + 1);
        var ev = new LinuxEpoll.Event { Events = events, Data = id };
        if (LinuxEpoll.Control(epoll, LinuxEpoll.EPOLL_CTL_ADD, fd, &ev) != 0)
        {
            freeSlots.Push(slot);
            return 0;
        }
        slots[slot] = target;
        return id;
    }

    /// <summary>Forgets a registration (the descriptor leaves the epoll set when it is closed).</summary>
    public void Unregister(ulong id)
    {
        if (Find(id) is null) return;
        int slot = (int)(uint)id - 1;
        slots[slot] = null;
        freeSlots.Push(slot);
    }

    /// <summary>
    /// Takes a descriptor that stays open out of the epoll set and forgets its registration (a listening
    /// socket this worker stops accepting on: closing would remove it, but the socket lives on).
    /// </summary>
    public void Remove(ulong id, int fd)
    {
        if (Find(id) is null) return;
        LinuxEpoll.Control(epoll, LinuxEpoll.EPOLL_CTL_DEL, fd, null);
        Unregister(id);
    }

    /// <summary>The target registered as <paramref name="id"/>, or null when that registration is gone.</summary>
    private IPollTarget? Find(ulong id)
    {
        int slot = (int)(uint)id - 1;
        if ((uint)slot >= (uint)slotsUsed || generations[slot] != (uint)(id >> 32)) return null;
        return slots[slot];
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1: until something happens); returns how many events to <see cref="Dispatch"/>.</summary>
    public int Wait(int timeoutMs)
    {
        fixed (LinuxEpoll.Event* events = ready)
            return LinuxEpoll.Wait(epoll, events, ready.Length, timeoutMs);
    }

    /// <summary>Tells each target of the last <see cref="Wait"/> what became ready.</summary>
    public void Dispatch(int count, WorkerTailProbe? probe = null)
    {
        for (int i = 0; i < count; i++)
        {
            var ev = ready[i];
            if (ev.Data == WakeId)
            {
                ulong drained;
                LinuxEpoll.Read(wakeFd, &drained, sizeof(ulong));
                continue;
            }
            // A registration closed earlier in this batch (or before) is gone: its event is stale.
            if (Find(ev.Data) is not { } target) continue;
            try { target.OnReady(ev.Events); }
            catch (Exception e) { Console.Error.WriteLine($"tidegate worker: unhandled {e}"); }
            probe?.EventDone();
        }
    }

    /// <summary>Interrupts a <see cref="Poll"/> in progress (or the next one); any thread.</summary>
    public void Wake()
    {
        if (Volatile.Read(ref disposed) != 0) return;
        ulong one = 1;
        LinuxEpoll.Write(wakeFd, &one, sizeof(ulong));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        LinuxEpoll.Close(wakeFd);
        LinuxEpoll.Close(epoll);
    }
}
