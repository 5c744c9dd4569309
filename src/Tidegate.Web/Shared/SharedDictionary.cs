namespace Tidegate.Web.Shared;

/// <summary>
/// One <c>lua_shared_dict</c>: a key/value store shared by every worker thread, each operation atomic
/// (one lock per dictionary, as nginx holds the zone's mutex), its memory bounded by the declared
/// size through <see cref="SlabZone"/>, entries in an LRU queue so a full dictionary evicts the least
/// recently used ones. The behaviour follows ngx_lua 0.10.23 (ngx_http_lua_shdict.c and
/// resty.core.shdict) step for step; the error strings are ngx_lua's.
/// <para>
/// Expiry: an entry whose time has passed stays in memory until something removes it, as in nginx:
/// every store, incr, push and plain get first removes up to two expired entries from the LRU tail;
/// a full dictionary evicts the tail entry whatever its time (30 times at most, then "no memory");
/// flush_expired removes them all. get_stale still sees an expired entry until then.
/// </para>
/// </summary>
public sealed class SharedDictionary
{
    /// <summary>offsetof(ngx_rbtree_node_t, color) + offsetof(ngx_http_lua_shdict_node_t, data): an entry's bytes besides key and value.</summary>
    public const int EntryOverhead = 32 + 36;
    /// <summary>offsetof(ngx_http_lua_shdict_list_node_t, data): a list item's bytes besides its value.</summary>
    public const int ListItemOverhead = 21;
    /// <summary>A list's own value is an ngx_queue_t.</summary>
    private const int ListHeadValue = 16;
    public const int MaxKeyLength = 65535;
    /// <summary>How many forced evictions one store may make before it answers "no memory" (ngx_lua's 30).</summary>
    private const int MaxEvictions = 30;

    private readonly object _gate = new();
    private readonly Dictionary<byte[], SharedDictEntry> _entries = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], SharedDictEntry>.AlternateLookup<ReadOnlySpan<byte>> _byBytes;
    private readonly SlabZone _zone;
    private readonly SharedDictClock _clock;
    // The LRU queue: _head is the most recently used entry, _tail the least.
    private SharedDictEntry? _head, _tail;

    /// <summary>
    /// A dictionary named <paramref name="name"/> of <paramref name="size"/> bytes. Throws
    /// <see cref="InvalidOperationException"/> with nginx's "ngx_slab_alloc() failed: no memory" when
    /// the zone is too small for its own bookkeeping (nginx fails start-up the same way).
    /// </summary>
    public SharedDictionary(string name, long size, SharedDictClock? clock = null)
    {
        Name = name;
        _clock = clock ?? SharedDictClock.System;
        _zone = new SlabZone(size);
        _byBytes = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
        // nginx's zone initialisation takes two allocations that live as long as the zone: the
        // dictionary's header (rbtree, sentinel, LRU queue: 80 bytes) and the zone's log context,
        // " in lua_shared_dict zone \"NAME\"" with its NUL.
        if (!_zone.TryAllocate(80, out _) || !_zone.TryAllocate(27 + name.Length, out _))
            throw new InvalidOperationException("ngx_slab_alloc() failed: no memory");
    }

    public string Name { get; }
    /// <summary>The declared size in bytes (shdict:capacity()).</summary>
    public long Capacity => _zone.Size;

    /// <summary>Free whole pages in bytes, as nginx reports it (shdict:free_space()): chunks free inside used pages do not count.</summary>
    public long FreeSpace
    {
        get { lock (_gate) return _zone.FreePages * SlabZone.PageSize; }
    }

    /// <summary>The number of keys held, expired ones included (for tests and diagnostics).</summary>
    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    /// <summary>"empty key" / "key too long" for a key ngx_lua refuses, else null.</summary>
    public static string? CheckKey(ReadOnlySpan<byte> key) =>
        key.Length == 0 ? "empty key" : key.Length > MaxKeyLength ? "key too long" : null;

    // ---- get ----

    /// <summary>get (<paramref name="stale"/> false) or get_stale (true).</summary>
    public SharedDictGetResult Get(ReadOnlySpan<byte> key, bool stale = false)
    {
        if (CheckKey(key) is { } bad) return new(default, 0, false, bad);
        lock (_gate)
        {
            long now = _clock.NowMilliseconds;
            if (!stale) ExpireFromTail(now, force: false);
            var entry = Lookup(key);
            if (entry is null) return default;
            bool expired = IsExpired(entry, now);
            if (expired && !stale) return default;
            if (entry.IsList) return new(default, 0, false, "value is a list");
            return new(entry.Value, entry.Flags, expired, null);
        }
    }

    // ---- set, safe_set, add, safe_add, replace, delete ----

    /// <summary>
    /// Stores <paramref name="value"/> (nil deletes) under <paramref name="key"/>.
    /// <paramref name="exptimeMs"/> &gt; 0 makes it expire that many ms from now; 0 or less never.
    /// <paramref name="safe"/> refuses to evict live entries ("no memory" instead).
    /// </summary>
    public SharedDictStoreResult Store(ReadOnlySpan<byte> key, SharedDictValue value, SharedDictStoreMode mode = SharedDictStoreMode.Set,
        bool safe = false, long exptimeMs = 0, int flags = 0)
    {
        if (value.Kind == SharedDictValueKind.List) throw new ArgumentException("a list is built with Push", nameof(value));
        if (CheckKey(key) is { } bad) return new(false, bad, false);
        if (value.IsNil && mode != SharedDictStoreMode.Set) return new(false, "attempt to add or replace nil values", false);
        lock (_gate)
        {
            long now = _clock.NowMilliseconds;
            ExpireFromTail(now, force: false);
            var entry = Lookup(key);
            bool live = entry is not null && !IsExpired(entry, now);
            if (mode == SharedDictStoreMode.Add && live) return new(false, "exists", false);
            if (mode == SharedDictStoreMode.Replace && !live) return new(false, "not found", false);
            if (entry is not null)
            {
                // Same length, not a list: nginx overwrites the node in place, so no memory is needed.
                if (!value.IsNil && !entry.IsList && value.StoredLength == entry.StoredLength)
                {
                    entry.Value = value;
                    entry.Expires = ExpiresAt(now, exptimeMs);
                    entry.Flags = flags;
                    return new(true, null, false);
                }
                Remove(entry);
            }
            if (value.IsNil) return new(true, null, false);
            bool forcible = false;
            if (!Allocate(now, EntryOverhead + key.Length + value.StoredLength, safe, ref forcible, out var allocation))
                return new(false, "no memory", forcible);
            var fresh = new SharedDictEntry(key.ToArray())
            {
                Value = value, Expires = ExpiresAt(now, exptimeMs), Flags = flags, Allocation = allocation,
            };
            Insert(fresh);
            return new(true, null, forcible);
        }
    }

    public SharedDictStoreResult Delete(ReadOnlySpan<byte> key) => Store(key, SharedDictValue.Nil);

    // ---- incr ----

    /// <summary>
    /// Adds <paramref name="delta"/> to a number. An absent or expired key is "not found", unless
    /// <paramref name="init"/> is given: then it becomes init + delta, expiring after
    /// <paramref name="initTtlMs"/> (&gt; 0), and this may evict live entries (Forcible).
    /// </summary>
    public SharedDictIncrResult Increment(ReadOnlySpan<byte> key, double delta, double? init = null, long initTtlMs = 0)
    {
        if (CheckKey(key) is { } bad) return new(0, bad, false);
        lock (_gate)
        {
            long now = _clock.NowMilliseconds;
            ExpireFromTail(now, force: false);
            var entry = Lookup(key);
            if (entry is null || IsExpired(entry, now))
            {
                if (init is not double start) return new(0, "not found", false);
                double number = start + delta;
                var value = SharedDictValue.FromNumber(number);
                if (entry is not null)
                {
                    if (!entry.IsList && entry.StoredLength == sizeof(double))
                    {
                        entry.Value = value;
                        entry.Expires = ExpiresAt(now, initTtlMs);
                        entry.Flags = 0;
                        return new(number, null, false);
                    }
                    Remove(entry);
                }
                bool forcible = false;
                if (!Allocate(now, EntryOverhead + key.Length + sizeof(double), safe: false, ref forcible, out var allocation))
                    return new(0, "no memory", forcible);
                Insert(new SharedDictEntry(key.ToArray()) { Value = value, Expires = ExpiresAt(now, initTtlMs), Allocation = allocation });
                return new(number, null, forcible);
            }
            if (entry.Value.Kind != SharedDictValueKind.Number) return new(0, "not a number", false);
            double sum = entry.Value.Number + delta;
            entry.Value = SharedDictValue.FromNumber(sum);
            return new(sum, null, false);
        }
    }

    // ---- lists ----

    /// <summary>lpush (<paramref name="left"/>) or rpush: the list's new length. Lists never evict live entries.</summary>
    public SharedDictLengthResult Push(ReadOnlySpan<byte> key, SharedDictValue value, bool left)
    {
        if (value.Kind is not (SharedDictValueKind.String or SharedDictValueKind.Number)) return new(0, "bad value type");
        if (CheckKey(key) is { } bad) return new(0, bad);
        lock (_gate)
        {
            long now = _clock.NowMilliseconds;
            ExpireFromTail(now, force: false);
            var entry = Lookup(key);
            if (entry is not null && IsExpired(entry, now))
            {
                if (entry.IsList)
                {
                    // nginx empties an expired list and reuses its node.
                    foreach (var item in entry.List!) _zone.Free(item.Allocation);
                    entry.List.Clear();
                    entry.Expires = 0;
                }
                else
                {
                    Remove(entry);
                    entry = null;
                }
            }
            else if (entry is not null && !entry.IsList)
            {
                return new(0, "value not a list");
            }
            if (entry is null)
            {
                if (!_zone.TryAllocate(EntryOverhead + key.Length + ListHeadValue, out var head)) return new(0, "no memory");
                entry = new SharedDictEntry(key.ToArray())
                {
                    Value = SharedDictValue.List, List = new LinkedList<SharedDictListItem>(), Allocation = head,
                };
                Insert(entry);
            }
            if (!_zone.TryAllocate(ListItemOverhead + value.StoredLength, out var node))
            {
                if (entry.List!.Count == 0) Remove(entry); // do not leave the empty list just created
                return new(0, "no memory");
            }
            var newItem = new SharedDictListItem(value, node);
            if (left) entry.List!.AddFirst(newItem); else entry.List!.AddLast(newItem);
            return new(entry.List.Count, null);
        }
    }

    /// <summary>lpop (<paramref name="left"/>) or rpop: the item removed, nil when there is no list. An emptied list is removed.</summary>
    public SharedDictPopResult Pop(ReadOnlySpan<byte> key, bool left)
    {
        if (CheckKey(key) is { } bad) return new(default, bad);
        lock (_gate)
        {
            long now = _clock.NowMilliseconds;
            var entry = Lookup(key);
            if (entry is null || IsExpired(entry, now)) return default;
            if (!entry.IsList) return new(default, "value not a list");
            var list = entry.List!;
            var item = left ? list.First!.Value : list.Last!.Value;
            if (left) list.RemoveFirst(); else list.RemoveLast();
            _zone.Free(item.Allocation);
            if (list.Count == 0) Remove(entry);
            return new(item.Value, null);
        }
    }

    /// <summary>llen: the list's length, 0 when there is none.</summary>
    public SharedDictLengthResult Length(ReadOnlySpan<byte> key)
    {
        if (CheckKey(key) is { } bad) return new(0, bad);
        lock (_gate)
        {
            long now = _clock.NowMilliseconds;
            var entry = Lookup(key);
            if (entry is null || IsExpired(entry, now)) return new(0, null);
            if (!entry.IsList) return new(0, "value not a list");
            return new(entry.List!.Count, null);
        }
    }

    // ---- ttl, expire ----

    /// <summary>
    /// ttl: the milliseconds left (0 = never expires; negative once expired but not yet removed), or
    /// null when the key is absent. Does not count as a use.
    /// </summary>
    public long? TimeToLive(ReadOnlySpan<byte> key)
    {
        if (CheckKey(key) is not null) return null;
        lock (_gate)
        {
            if (!_byBytes.TryGetValue(key, out var entry)) return null;
            return entry.Expires == 0 ? 0 : entry.Expires - _clock.NowMilliseconds;
        }
    }

    /// <summary>expire: makes the key expire <paramref name="exptimeMs"/> from now (&lt;= 0: never); false when absent.</summary>
    public bool SetExpiry(ReadOnlySpan<byte> key, long exptimeMs)
    {
        if (CheckKey(key) is not null) return false;
        lock (_gate)
        {
            if (!_byBytes.TryGetValue(key, out var entry)) return false;
            entry.Expires = ExpiresAt(_clock.NowMilliseconds, exptimeMs);
            return true;
        }
    }

    // ---- whole-dictionary operations ----

    /// <summary>
    /// flush_all: every entry expires now. As in nginx the memory is not freed here (only the three
    /// entries at the LRU tail are); flush_expired or later stores free the rest.
    /// </summary>
    public void FlushAll()
    {
        lock (_gate)
        {
            for (var e = _head; e is not null; e = e.Older) e.Expires = 1;
            ExpireFromTail(_clock.NowMilliseconds, force: true);
        }
    }

    /// <summary>flush_expired: removes expired entries from the LRU tail on, at most <paramref name="max"/> (0 or negative = all); how many.</summary>
    public int FlushExpired(int max = 0)
    {
        lock (_gate)
        {
            long now = _clock.NowMilliseconds;
            int freed = 0;
            var e = _tail;
            while (e is not null)
            {
                var newer = e.Newer;
                if (e.Expires != 0 && e.Expires <= now)
                {
                    Remove(e);
                    freed++;
                    if (max != 0 && freed == max) break;
                }
                e = newer;
            }
            return freed;
        }
    }

    /// <summary>get_keys: the keys not expired, least recently used first, at most <paramref name="max"/> (0 or negative = all).</summary>
    public List<byte[]> GetKeys(int max = 1024)
    {
        lock (_gate)
        {
            long now = _clock.NowMilliseconds;
            var keys = new List<byte[]>();
            for (var e = _tail; e is not null; e = e.Newer)
            {
                if (e.Expires != 0 && e.Expires <= now) continue;
                keys.Add(e.Key);
                if (max != 0 && keys.Count == max) break;
            }
            return keys;
        }
    }

    // ---- internals (all under _gate) ----

    /// <summary>Expired for lookups: nginx's lookup calls an entry expired once its time is strictly past.</summary>
    private static bool IsExpired(SharedDictEntry e, long now) => e.Expires != 0 && e.Expires < now;

    private static long ExpiresAt(long now, long exptimeMs) =>
        exptimeMs <= 0 ? 0 : exptimeMs > long.MaxValue - now ? long.MaxValue : now + exptimeMs;

    /// <summary>The entry for <paramref name="key"/>, moved to the LRU head (nginx's lookup counts every find as a use).</summary>
    private SharedDictEntry? Lookup(ReadOnlySpan<byte> key)
    {
        if (!_byBytes.TryGetValue(key, out var entry)) return null;
        if (entry != _head)
        {
            Unlink(entry);
            LinkAtHead(entry);
        }
        return entry;
    }

    /// <summary>
    /// ngx_http_lua_shdict_expire: look at the LRU tail and remove it when expired, twice; with
    /// <paramref name="force"/> remove the tail first whatever its time, then up to two expired ones.
    /// </summary>
    private int ExpireFromTail(long now, bool force)
    {
        int freed = 0;
        for (int n = force ? 0 : 1; n < 3; n++)
        {
            var tail = _tail;
            if (tail is null) break;
            if (n != 0 && (tail.Expires == 0 || tail.Expires > now)) break;
            Remove(tail);
            freed++;
        }
        return freed;
    }

    /// <summary>Takes zone memory; unless <paramref name="safe"/>, evicts LRU entries (up to 30) to make room.</summary>
    private bool Allocate(long now, long size, bool safe, ref bool forcible, out SlabAllocation allocation)
    {
        if (_zone.TryAllocate(size, out allocation)) return true;
        if (safe) return false;
        for (int i = 0; i < MaxEvictions; i++)
        {
            if (ExpireFromTail(now, force: true) == 0) break;
            forcible = true;
            if (_zone.TryAllocate(size, out allocation)) return true;
        }
        return false;
    }

    private void Insert(SharedDictEntry entry)
    {
        _entries.Add(entry.Key, entry);
        LinkAtHead(entry);
    }

    private void Remove(SharedDictEntry entry)
    {
        if (entry.List is { } list)
        {
            foreach (var item in list) _zone.Free(item.Allocation);
            list.Clear();
        }
        _zone.Free(entry.Allocation);
        Unlink(entry);
        _entries.Remove(entry.Key);
    }

    private void LinkAtHead(SharedDictEntry entry)
    {
        entry.Newer = null;
        entry.Older = _head;
        if (_head is not null) _head.Newer = entry;
        _head = entry;
        _tail ??= entry;
    }

    private void Unlink(SharedDictEntry entry)
    {
        if (entry.Newer is not null) entry.Newer.Older = entry.Older; else _head = entry.Older;
        if (entry.Older is not null) entry.Older.Newer = entry.Newer; else _tail = entry.Newer;
        entry.Newer = entry.Older = null;
    }
}
