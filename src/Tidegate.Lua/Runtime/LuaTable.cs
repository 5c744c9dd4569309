using System.Numerics;
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// A Lua table: an array part for the keys 1..n and a hash part for everything else.
/// All operations here are raw (no metamethods); metamethod-aware access is in <see cref="LuaOps"/>.
///
/// <para>The array part covers the keys 1.._array.Length, and its slots may be nil. It is sized the way
/// LuaJIT sizes it, so that <c>#</c> on a table with holes gives LuaJIT's answer: a new key that finds
/// the hash part full triggers a rehash, which counts the integer keys present and gives the array part
/// the largest power of two n for which the keys 0..n number more than n/4 (LuaJIT's bestasize); the
/// hash part gets the smallest power of two that holds the rest. So filling 1..n in any order ends in
/// the array part, and <c>#</c> is LuaJIT's lj_tab_len. (A table whose keys come and go gets hash
/// headroom instead of exact sizing, so it does not rehash after every few inserts.)</para>
///
/// <para>The hash part is index-chained: <c>_buckets[hash &amp; mask]</c> holds 1 + the index of the first
/// node of the chain, and nodes are appended in insertion order, which is also the traversal order. A
/// removed entry keeps its node with a nil value, which is what lets <c>next</c> continue a traversal in
/// which fields are assigned nil, as Lua allows; a later new key may reuse a dead node of its own chain
/// (as LuaJIT reuses a dead main position), and a rehash drops the rest. A lookup allocates nothing;
/// string keys compare the cached hash, then the reference, then the bytes.</para>
///
/// <para>Weak tables (<c>__mode</c>) are honoured at full collections; see <see cref="WeakTables"/>.</para>
/// </summary>
public sealed class LuaTable
{
    private struct Node
    {
        public LuaValue Key;
        public LuaValue Value;
        public int HashCode;
        public int Next; // index of the next node in the chain, -1 at the end
    }

    private LuaValue[] _array = Array.Empty<LuaValue>();
    private int[]? _buckets;
    private Node[]? _nodes;
    private int _nodeCount;                // nodes used, live or dead
    private bool _hashHasNumberKeys;       // a node (live or dead) has a number key: false lets '#' skip the hash part

    /// <summary>
    /// The array part's border when it is known exactly, else <see cref="UnknownBorder"/> (-1): b >= 0 means the keys 1..b hold values and
    /// the keys b+1.._array.Length are all nil, so <c>#</c> (LuaJIT's binary search, which can only land on
    /// the one border there is) answers b without searching when b &lt; _array.Length. Every store into the
    /// array part keeps it (<see cref="KeepBorder"/>): appends move it up, a nil at the end moves it down,
    /// anything else (a hole) makes it unknown until the next resize recomputes it. For <c>out[#out + 1] = v</c>
    /// (measured: <see cref="Length"/> 4-5% of json and string-build as a binary search).
    /// </summary>
    private int _border;

    /// <summary><see cref="_border"/> when the array part may have holes (so '#' searches).</summary>
    private const int UnknownBorder = -1;

    /// <summary>The metatable, or null.</summary>
    private LuaTable? _metatable;
    private bool _weakRegistered;          // registered with WeakTables (once is enough: the mode is read at each collection)

    /// <summary>
    /// Bit i set means "this table, used as a metatable, is known to have no metamethod i"
    /// (see <see cref="MetaEvent"/>); like LuaJIT's nomm cache. Set by
    /// <see cref="GetMetaMethod(LuaTable?, MetaEvent)"/> on a miss, cleared on every raw write of a
    /// string key (any write could add a metamethod), and by <see cref="Clear"/>.
    /// </summary>
    internal uint NoMetaMethodFlags;

    /// <summary>The slot hint for this table's own __index lookups when it serves as a metatable
    /// (<see cref="GetMetaMethod(LuaTable?, MetaEvent)"/>).</summary>
    private int _indexSlotHint;

    /// <summary>
    /// A node index shared by two uses that rarely meet on one table: the slot hint for the other
    /// metamethods of a metatable, and the node <see cref="Next"/> returned last (a traversal passes that
    /// key back). Both check the node's key before trusting it, so when they do meet the cost is a lookup.
    /// A field each would make every table 8 bytes larger: the fields fill 53 of the 56 bytes a 72-byte
    /// object holds (measured on bench/lua/binary-trees: +5 MB peak RSS with one more int).
    /// </summary>
    private int _sharedNodeHint;

    /// <summary>
    /// Names this table's set of keys for the misses that class lookups remember (<see cref="GetStrOrRememberedMiss"/>):
    /// 0 until a miss is remembered, then a number no other table and no other key set of this table ever has
    /// (<see cref="NewKeyStamp"/>), and 0 again as soon as a key is added (every path that gives a node a key
    /// clears it), which forgets every miss remembered against the old set. Fits in the padding of the 80-byte object.
    /// </summary>
    private int _keyStamp;

    /// <summary>
    /// A 32-bit summary of the hashes of every key a node of this table holds or held (<see cref="KeySummaryBit"/>):
    /// a key whose bit is clear is certainly absent, with no probe. Bits are set by every path that gives a node a key
    /// (append, dead-node reuse, rehash) and never cleared except by <see cref="Clear"/> (a removed key keeps its node,
    /// a rehash keeps a subset of the keys), so the summary only ever errs towards "look it up". For <c>obj:m()</c>:
    /// the method is in the class, and the object (a handful of fields) was probed in full on every call
    /// (<see cref="FindStringNode"/> 9% of bench/lua/scheduler). 32 bits: with 16 (what the padding held) an object of
    /// 8 fields let 40% of method names through to the probe; <see cref="_hashHasNumberKeys"/> became a bool to make room,
    /// so the object stays at 80 bytes.
    /// </summary>
    private uint _keySummary;

    /// <summary>The bit of <see cref="_keySummary"/> for a key hash: high hash bits, which the bucket index (the low
    /// bits) of a small table does not use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint KeySummaryBit(int hash) => 1u << (int)((uint)hash >> 27);

    /// <summary>True when <paramref name="key"/> may have a node here (false: certainly absent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool MayHaveKey(LuaString key) => (_keySummary & KeySummaryBit(key.GetHashCode())) != 0;

    /// <summary>The last key stamp handed out; it stops at int.MaxValue (after that no miss is remembered).</summary>
    private static int s_lastKeyStamp;

    public LuaTable() { }

    /// <summary>Preallocates, as LuaJIT's <c>table.new(narr, nrec)</c>: the array part covers 1..arrayCapacity.</summary>
    public LuaTable(int arrayCapacity, int hashCapacity)
    {
        // LuaJIT's limits (LJ_MAX_ASIZE, LJ_MAX_HBITS), with its message.
        if (arrayCapacity > MaxArraySize || hashCapacity > MaxHashSize) throw new LuaException("table overflow");
        if (arrayCapacity > 0) _array = new LuaValue[arrayCapacity];
        if (hashCapacity > 0) InitHash(HashSizeFor(hashCapacity));
    }

    public LuaTable? Metatable
    {
        get => _metatable;
        set
        {
            _metatable = value;
            if (!_weakRegistered && value is not null && !HasNoMeta(value, MetaEvent.Mode) && !GetMetaMethod(value, MetaEvent.Mode).IsNil)
            {
                _weakRegistered = true;
                WeakTables.Register(this);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="metatable"/> is null or is known (cached) to lack the metamethod
    /// <paramref name="e"/>. Compiled code and <see cref="LuaOps"/> test this before any lookup; a false
    /// answer only means "look it up" (use <see cref="GetMetaMethod(LuaTable?, MetaEvent)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasNoMeta(LuaTable? metatable, MetaEvent e) =>
        metatable is null || (metatable.NoMetaMethodFlags & (1u << (int)e)) != 0;

    /// <summary>The metamethod <paramref name="e"/> of a metatable (raw lookup), or nil; a miss is cached.</summary>
    public static LuaValue GetMetaMethod(LuaTable? metatable, MetaEvent e)
    {
        if (metatable is null) return LuaValue.Nil;
        uint bit = 1u << (int)e;
        if ((metatable.NoMetaMethodFlags & bit) != 0) return LuaValue.Nil;
        // A hit is looked up again every time (only misses are cached in the flags), so it goes through a
        // slot hint: __index of a class table is found with one reference compare instead of a hash probe.
        // The metamethod names are interned, like the compiled constants that set them.
        var v = e == MetaEvent.Index
            ? metatable.GetStr(MetaEventNames.ByEvent[(int)e], ref metatable._indexSlotHint)
            : metatable.GetStr(MetaEventNames.ByEvent[(int)e], ref metatable._sharedNodeHint);
        if (v.IsNil) metatable.NoMetaMethodFlags |= bit;
        return v;
    }

    /// <summary>
    /// <c>GetMetaMethod(metatable, MetaEvent.Index)</c> with its hit path inlined: a class table's
    /// <c>__index</c> is read on every method call and every absent field of an object, and is found at
    /// its slot hint with one reference compare.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue GetIndexMetaMethod(LuaTable? metatable)
    {
        if (metatable is not null)
        {
            var nodes = metatable._nodes;
            int h = metatable._indexSlotHint;
            if (nodes is not null && (uint)h < (uint)nodes.Length && ReferenceEquals(nodes[h].Key.Ref, MetaMethodNames.Index))
                return nodes[h].Value;
        }
        return GetMetaMethod(metatable, MetaEvent.Index);
    }

    /// <summary>The size of the array part (keys 1..ArrayCount live there; slots may be nil).</summary>
    internal int ArrayCount => _array.Length;

    /// <summary>The number of nodes in the hash part (live, dead or free).</summary>
    internal int HashCapacity => _nodes?.Length ?? 0;

    /// <summary>The array part itself, for library loops (table.insert/concat/unpack) that want no per-item
    /// call. Keys 1..n are slots 0..n-1. Read-only by contract; the array is replaced when the table grows.</summary>
    public ReadOnlySpan<LuaValue> ArrayPart => _array;

    /// <summary>The array part's storage, for the number loops: a loop that neither grows nor shrinks the table
    /// (it only stores into existing slots) may keep it for the loop's duration.</summary>
    internal LuaValue[] ArrayStorage => _array;

    // ---- reads ----

    public LuaValue this[LuaValue key]
    {
        get => Get(key);
        set => Set(key, value);
    }

    /// <summary>
    /// t[key] for a key given as .NET text (library registration, embedders). The key is interned, so it
    /// is the very object compiled code uses for the same constant (<c>string.format</c>, <c>coroutine.yield</c>,
    /// <c>__index</c>): the per-site slot hints compare keys by reference and would otherwise miss on every
    /// library function (measured: 16% of coroutine ping-pong was spent re-looking up <c>coroutine.yield</c>).
    /// </summary>
    public LuaValue this[string key]
    {
        get => Get(StringInterner.Intern(LuaString.FromUtf8(key)));
        set => Set(StringInterner.Intern(LuaString.FromUtf8(key)), value);
    }

    /// <summary>t[key] for any key. Inlined down to the array-slot read; everything else is out of line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue Get(in LuaValue key)
    {
        if (key.IsNumber)
        {
            double d = key.Number;
            int i = (int)d;
            var array = _array;
            if (i == d && (uint)(i - 1) < (uint)array.Length) return array[i - 1];
        }
        return GetSlow(key);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private LuaValue GetSlow(in LuaValue key)
    {
        if (key.IsNumber) return GetNumberFromHash(key.Number);
        if (key.Ref is LuaString s) return GetStr(s);
        if (key.Ref is null) return LuaValue.Nil;
        int i = FindObjectNode(key.Ref);
        return i < 0 ? LuaValue.Nil : _nodes![i].Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue Get(double key)
    {
        int i = (int)key;
        var array = _array;
        if (i == key && (uint)(i - 1) < (uint)array.Length) return array[i - 1];
        return GetNumberFromHash(key);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue Get(int key)
    {
        var array = _array;
        if ((uint)(key - 1) < (uint)array.Length) return array[key - 1];
        return GetNumberFromHash(key);
    }

    public LuaValue Get(LuaString key) => GetStr(key);

    /// <summary>t[key] for a string key: the path compiled code uses for fields and globals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue GetStr(LuaString key)
    {
        // The probe hands back the value's slot, so the inlined caller does not reload the node array, bounds-check
        // and index it again after the call.
        ref LuaValue value = ref FindStringValue(key);
        return Unsafe.IsNullRef(ref value) ? LuaValue.Nil : value;
    }

    /// <summary>The value slot of <paramref name="key"/>'s node, or a null reference when absent: the string probe. It walks
    /// the key's chain comparing the cached hash, then the reference (keys made from constants and concatenations are
    /// interned), then the bytes. The slot rather than the node's index (<see cref="FindStringNode"/>), so an inlined
    /// caller does not reload the node array and index it again.</summary>
    private ref LuaValue FindStringValue(LuaString key)
    {
        var buckets = _buckets;
        if (buckets is not null)
        {
            int h = key.GetHashCode();
            var nodes = _nodes!;
            int i = buckets[h & (buckets.Length - 1)] - 1;
            while (i >= 0)
            {
                ref Node n = ref nodes[i];
                if (n.HashCode == h && (ReferenceEquals(n.Key.Ref, key) || (n.Key.Ref is LuaString s && s.EqualsSameHash(key))))
                    return ref n.Value;
                i = n.Next;
            }
        }
        return ref Unsafe.NullRef<LuaValue>();
    }

    /// <summary>
    /// t[key] for a constant string key with a per-call-site cache: <paramref name="slotHint"/> (an int the
    /// site keeps, initially 0) remembers the node where the key was found. If that node still holds the
    /// very same key object, its value is the answer with no hashing; otherwise a normal lookup refreshes
    /// the hint. Tables built the same way (objects from one constructor) share node positions, so one
    /// hint serves them all. Always correct: a node holds one key for its life, and a removed key's node
    /// keeps it with a nil value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue GetStr(LuaString key, ref int slotHint)
    {
        var nodes = _nodes;
        int h = slotHint;
        if (nodes is not null && (uint)h < (uint)nodes.Length && ReferenceEquals(nodes[h].Key.Ref, key))
            return nodes[h].Value;
        return GetStrAndHint(key, ref slotHint);
    }

    /// <summary>
    /// <see cref="GetStr(LuaString, ref int)"/> for the lookup in a class table after a miss on an object (a field the
    /// object does not have: <c>self.link</c> left nil, <c>self.queue ~= nil</c>), which usually misses in the class
    /// too, and did a full probe of the class each time. A miss is remembered in the hint as the negated
    /// <see cref="_keyStamp"/>: while no key has been added to the table since, the key is still absent. (A key
    /// present with a nil value is found, and its node is the hint as for any hit.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal LuaValue GetStrOrRememberedMiss(LuaString key, ref int slotHint)
    {
        var nodes = _nodes;
        int h = slotHint;
        if (nodes is not null && (uint)h < (uint)nodes.Length && ReferenceEquals(nodes[h].Key.Ref, key))
            return nodes[h].Value;
        if (h < 0 && -h == _keyStamp) return LuaValue.Nil;
        return GetStrAndRememberMiss(key, ref slotHint);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private LuaValue GetStrAndRememberMiss(LuaString key, ref int slotHint)
    {
        int i = FindStringNode(key);
        if (i >= 0)
        {
            slotHint = i;
            return _nodes![i].Value;
        }
        int stamp = _keyStamp;
        if (stamp == 0)
        {
            stamp = NewKeyStamp();
            if (stamp == 0) return LuaValue.Nil;
            _keyStamp = stamp;
        }
        slotHint = -stamp;
        return LuaValue.Nil;
    }

    /// <summary>A key stamp never handed out before (1..int.MaxValue), or 0 once they are used up. Stamps are only
    /// taken when a miss is remembered in a table whose keys changed since its last one, so this is rare.</summary>
    private static int NewKeyStamp()
    {
        int last;
        do
        {
            last = Volatile.Read(ref s_lastKeyStamp);
            if (last == int.MaxValue) return 0;
        } while (Interlocked.CompareExchange(ref s_lastKeyStamp, last + 1, last) != last);
        return last + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private LuaValue GetStrAndHint(LuaString key, ref int slotHint)
    {
        if (!MayHaveKey(key)) return LuaValue.Nil;
        int i = FindStringNode(key);
        if (i < 0) return LuaValue.Nil;
        slotHint = i;
        return _nodes![i].Value;
    }

    /// <summary>t[key] = value for a constant string key with a per-site hint; see <see cref="GetStr(LuaString, ref int)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetStr(LuaString key, in LuaValue value, ref int slotHint)
    {
        var nodes = _nodes;
        int h = slotHint;
        if (nodes is not null && (uint)h < (uint)nodes.Length && ReferenceEquals(nodes[h].Key.Ref, key))
        {
            NoMetaMethodFlags = 0;
            nodes[h].Value = value;
            return;
        }
        SetStrAndHint(key, value, ref slotHint);
    }

    /// <summary>
    /// The value at node <paramref name="hint"/> if that node holds <paramref name="key"/> (the object), else nil:
    /// a lookup that never calls anything, for the number loops (a call would push their doubles out of
    /// registers); on nil they refresh the hint with <see cref="GetStr(LuaString, ref int)"/> outside the loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal LuaValue StrAtHint(LuaString key, int hint)
    {
        var nodes = _nodes;
        return nodes is not null && (uint)hint < (uint)nodes.Length && ReferenceEquals(nodes[hint].Key.Ref, key)
            ? nodes[hint].Value
            : default;
    }

    /// <summary>
    /// Stores a number into a node that holds a non-nil value (<see cref="StrAtHint"/>), as SetStr's hit does;
    /// over a number only the payload changes (the tag is the same object, so no GC write barrier).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetNodeNumber(int node, double value)
    {
        NoMetaMethodFlags = 0;
        ref LuaValue slot = ref _nodes![node].Value;
        if (slot.IsNumber) Unsafe.AsRef(in slot.Number) = value;
        else slot = LuaValue.FromNumber(value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetStrAndHint(LuaString key, in LuaValue value, ref int slotHint)
    {
        // One probe when the key is present (a field of an object the hint was not made on) or when nil
        // is stored under an absent key (clearing a link that was never set); a second only after an insert,
        // which may have rehashed.
        NoMetaMethodFlags = 0;
        int i = FindStringNode(key);
        if (i >= 0)
        {
            _nodes![i].Value = value;
            slotHint = i;
            return;
        }
        if (value.IsNil) return;
        InsertNew(key, value);
        i = FindStringNode(key);
        if (i >= 0) slotHint = i;
    }

    /// <summary>
    /// t[key] = t[key] + delta when the entry exists and holds a number (a string key, or an integer key of the array
    /// part); false, nothing changed, otherwise. Raw: a present non-nil value is where neither __index nor __newindex
    /// applies. For the compiled read-modify-write (CompiledCode.AddInPlace): one probe where a read and a store
    /// made two. Over a number only the payload changes (no GC write barrier), as in <see cref="SetNodeNumber"/>.
    /// </summary>
    internal bool TryAddToNumber(in LuaValue key, double delta)
    {
        ref LuaValue slot = ref Unsafe.NullRef<LuaValue>();
        if (key.Ref is LuaString s) slot = ref FindStringValue(s);
        else if (key.IsNumber)
        {
            double d = key.Number;
            int i = (int)d;
            var array = _array;
            if (i == d && (uint)(i - 1) < (uint)array.Length) slot = ref array[i - 1];
        }
        if (Unsafe.IsNullRef(ref slot) || !slot.IsNumber) return false;
        NoMetaMethodFlags = 0; // as SetNodeNumber and every raw store do (a value that stays a number adds no metamethod)
        Unsafe.AsRef(in slot.Number) = slot.Number + delta;
        return true;
    }

    /// <summary>t[key] for a string key; false when absent (or nil).</summary>
    public bool TryGetStr(LuaString key, out LuaValue value)
    {
        int i = FindStringNode(key);
        if (i < 0) { value = LuaValue.Nil; return false; }
        value = _nodes![i].Value;
        return !value.IsNil;
    }

    /// <summary>t[key] for an integer key: array slot or hash lookup.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue GetInt(int key) => Get(key);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private LuaValue GetNumberFromHash(double key)
    {
        int i = FindNumberNode(key);
        return i < 0 ? LuaValue.Nil : _nodes![i].Value;
    }

    // ---- hash lookups, one per key kind so none of them boxes or switches on type ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NumberHash(double d)
    {
        // +0 and -0 are the same key; every other double hashes its bits. Small integers have all-zero
        // low mantissa bits, and buckets are picked by the low bits, so the bits must be mixed well
        // (a multiply-xorshift finalizer, as in MurmurHash3's fmix64).
        if (d == 0) return 0;
        ulong x = (ulong)BitConverter.DoubleToInt64Bits(d);
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        return (int)x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ObjectHash(object o) => RuntimeHelpers.GetHashCode(o);

    /// <summary>
    /// The index of <paramref name="key"/>'s node, or -1 when absent: <see cref="FindStringValue"/>'s slot turned back into
    /// its node's index (its distance from the first node's value slot, in nodes). One probe for both: the index is for
    /// the slow paths that refresh a slot hint; the slot form is the hit path's (measured: a probe shared by the two as
    /// a static inlined helper made 24M hits 5% slower, 0.41-0.42 -> 0.44 s).
    /// </summary>
    private int FindStringNode(LuaString key)
    {
        ref LuaValue value = ref FindStringValue(key);
        if (Unsafe.IsNullRef(ref value)) return -1;
        return (int)(Unsafe.ByteOffset(ref _nodes![0].Value, ref value) / Unsafe.SizeOf<Node>());
    }

    private int FindNumberNode(double key)
    {
        var buckets = _buckets;
        if (buckets is null) return -1;
        int h = NumberHash(key);
        var nodes = _nodes!;
        int i = buckets[h & (buckets.Length - 1)] - 1;
        while (i >= 0)
        {
            ref Node n = ref nodes[i];
            if (n.HashCode == h && n.Key.IsNumber && n.Key.Number == key) return i;
            i = n.Next;
        }
        return -1;
    }

    private int FindObjectNode(object key)
    {
        var buckets = _buckets;
        if (buckets is null) return -1;
        int h = ObjectHash(key);
        var nodes = _nodes!;
        int i = buckets[h & (buckets.Length - 1)] - 1;
        while (i >= 0)
        {
            ref Node n = ref nodes[i];
            if (ReferenceEquals(n.Key.Ref, key)) return i;
            i = n.Next;
        }
        return -1;
    }

    /// <summary>The node of any non-nil key, or -1.</summary>
    private int FindNode(in LuaValue key)
    {
        if (key.IsNumber) return FindNumberNode(key.Number);
        if (key.Ref is LuaString s) return FindStringNode(s);
        return key.Ref is null ? -1 : FindObjectNode(key.Ref);
    }

    private static int KeyHash(in LuaValue key)
    {
        if (key.IsNumber) return NumberHash(key.Number);
        if (key.Ref is LuaString s) return s.GetHashCode();
        return ObjectHash(key.Ref!);
    }

    // ---- writes ----

    /// <summary>Raw assignment. Throws the Lua errors for nil and NaN keys ("table index is nil"/"is NaN").</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(in LuaValue key, in LuaValue value)
    {
        if (key.IsNumber)
        {
            double d = key.Number;
            int i = (int)d;
            var array = _array;
            if (i == d && (uint)(i - 1) < (uint)array.Length) { array[i - 1] = value; KeepBorder(i, value.IsNil); return; }
        }
        SetSlow(key, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetSlow(in LuaValue key, in LuaValue value)
    {
        if (key.IsNumber) { Set(key.Number, value); return; }
        if (key.Ref is LuaString s) { SetStr(s, value); return; }
        if (key.Ref is null) throw new LuaException("table index is nil");
        int i = FindObjectNode(key.Ref);
        if (i >= 0) { _nodes![i].Value = value; return; }
        if (!value.IsNil) InsertNew(key, value);
    }

    public void Set(LuaString key, in LuaValue value) => SetStr(key, value);

    /// <summary>t[key] = value for a string key: the path compiled code uses for fields and globals.</summary>
    public void SetStr(LuaString key, in LuaValue value)
    {
        NoMetaMethodFlags = 0;
        int i = FindStringNode(key);
        if (i >= 0) { _nodes![i].Value = value; return; }
        if (!value.IsNil) InsertNew(key, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(double key, in LuaValue value)
    {
        int i = (int)key;
        var array = _array;
        if (i == key && (uint)(i - 1) < (uint)array.Length) { array[i - 1] = value; KeepBorder(i, value.IsNil); return; }
        SetNumberSlow(key, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetNumberSlow(double key, in LuaValue value)
    {
        int i = (int)key;
        if (i == key)
        {
            SetIntSlow(i, value);
            return;
        }
        if (double.IsNaN(key)) throw new LuaException("table index is NaN");
        SetNumberInHash(key, value);
    }

    /// <summary>
    /// Keeps <see cref="_border"/> exact after a store into array slot <paramref name="key"/> (1-based), inlined
    /// into every array store: a value just past the border extends it, a nil at the border shortens it, a
    /// value further on or a nil below it (a hole) makes it unknown; overwriting a value at or below the
    /// border, a nil past it, or anything once it is unknown changes nothing. (Measured: a form that called
    /// out of line with one combined test per store made 8M stores 60% slower; this one costs nothing there.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void KeepBorder(int key, bool isNil)
    {
        int b = _border;
        if (isNil)
        {
            if (key <= b) _border = key == b ? b - 1 : UnknownBorder;
        }
        else if (key > b && b != UnknownBorder) _border = key == b + 1 ? key : UnknownBorder;
    }

    /// <summary>
    /// t[key] = value when key is in the array part and its slot already holds a value (or the table has no
    /// metatable), so no __newindex can be involved; false, nothing stored, otherwise. For compiled number loops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TrySetArraySlot(int key, in LuaValue value)
    {
        var array = _array;
        if ((uint)(key - 1) >= (uint)array.Length) return false;
        ref LuaValue slot = ref array[key - 1];
        // The metatable first: without one the slot is not read at all, so a store that misses the cache
        // (sieve's strided marking) does not wait for the line (a store alone goes through the store buffer).
        if (_metatable is not null && slot.Ref is null) return false;
        slot = value;
        KeepBorder(key, value.IsNil);
        return true;
    }

    /// <summary>t[key] = value for an integer key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetInt(int key, in LuaValue value) => Set(key, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int key, in LuaValue value)
    {
        var array = _array;
        if ((uint)(key - 1) < (uint)array.Length)
        {
            array[key - 1] = value;
            KeepBorder(key, value.IsNil);
            return;
        }
        SetIntSlow(key, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetIntSlow(int key, in LuaValue value)
    {
        var array = _array;
        if ((uint)(key - 1) < (uint)array.Length)
        {
            array[key - 1] = value;
            KeepBorder(key, value.IsNil);
            return;
        }
        SetNumberInHash(key, value);
    }

    private void SetNumberInHash(double key, in LuaValue value)
    {
        int i = FindNumberNode(key);
        if (i >= 0) { _nodes![i].Value = value; return; }
        if (!value.IsNil) InsertNew(LuaValue.FromNumber(key), value);
    }

    /// <summary>The largest array part (keys beyond live in the hash part), as LuaJIT's.</summary>
    public const int MaxArraySize = 1 << 27;
    /// <summary>The largest hash part a preallocation may ask for, as LuaJIT's.</summary>
    public const int MaxHashSize = 1 << 26;

    /// <summary>Adds a key known to be absent, growing the hash part (and maybe the array part) first if full.</summary>
    private void InsertNew(in LuaValue key, in LuaValue value)
    {
        if (_buckets is not null && TryReuseDeadNode(key, value)) return;
        if (_nodes is null || _nodeCount == _nodes.Length)
        {
            Rehash(key);
            // The rehash may have moved the array boundary so that this key now belongs in the array.
            if (key.IsNumber)
            {
                double d = key.Number;
                int k = (int)d;
                if (k == d && (uint)(k - 1) < (uint)_array.Length) { _array[k - 1] = value; KeepBorder(k, value.IsNil); return; }
            }
        }
        AppendNode(key, value);
    }

    /// <summary>Adds a key known to be absent as the next unused node; the caller has checked there is one.</summary>
    private void AppendNode(in LuaValue key, in LuaValue value)
    {
        _keyStamp = 0;
        int h = KeyHash(key);
        _keySummary |= KeySummaryBit(h);
        int b = h & (_buckets!.Length - 1);
        ref Node n = ref _nodes![_nodeCount];
        n.Key = key;
        n.Value = value;
        n.HashCode = h;
        n.Next = _buckets[b] - 1;
        _buckets[b] = ++_nodeCount;
        if (key.IsNumber) _hashHasNumberKeys = true;
    }

    /// <summary>
    /// <c>name = value</c> in a table constructor. The key gets the next node even when the value is nil (a dead,
    /// nil-valued node, as LuaJIT's constructor template keeps the key of a nil field), as long as the hash part
    /// has room (the compiler sizes it for every field, so it has), and never takes over a dead node of its chain.
    /// So every table built by one constructor has each field at the same node whichever values were nil, and the
    /// per-site slot hints made on one object hit on the others: objects such as <c>{ queue = queue, link = nil }</c>
    /// otherwise put their later fields at positions that depend on which fields started nil, and a method
    /// reading <c>self.held</c> on two such objects missed its hint on every other call.
    /// </summary>
    internal void SetConstructorField(LuaString key, in LuaValue value)
    {
        int i = FindStringNode(key);
        if (i >= 0) { _nodes![i].Value = value; return; }
        if (_nodes is not null && _nodeCount < _nodes.Length) { AppendNode(key, value); return; }
        if (!value.IsNil) InsertNew(key, value);
    }

    /// <summary>The node <see cref="SetConstructorField"/> gave <paramref name="key"/> (a template's field, at compile time).</summary>
    internal int ConstructorFieldNode(LuaString key) => FindStringNode(key);

    /// <summary>
    /// A new table whose hash part is a copy of <paramref name="template"/>'s (keys, nodes, chains, key summary), for a
    /// record constructor (FunctionCompiler.TableShapes.cs): the template holds only string keys, in a hash part that
    /// no key was ever removed from, and an empty array part, so nothing else of a fresh table differs.
    /// </summary>
    internal static LuaTable FromConstructorTemplate(LuaTable template)
    {
        var table = new LuaTable();
        // new + CopyTo: Array.Clone goes through the runtime's generic object copy (measured 50% slower here).
        var buckets = template._buckets!;
        var nodes = template._nodes!;
        table._buckets = new int[buckets.Length];
        buckets.AsSpan().CopyTo(table._buckets);
        table._nodes = new Node[nodes.Length];
        nodes.AsSpan().CopyTo(table._nodes);
        table._nodeCount = template._nodeCount;
        table._keySummary = template._keySummary;
        return table;
    }

    /// <summary>Writes a field's value into its node of a table made by <see cref="FromConstructorTemplate"/> (a nil one
    /// leaves the key in a dead node, as <see cref="SetConstructorField"/> does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetTemplateFieldValue(int node, in LuaValue value) => _nodes![node].Value = value;

    /// <summary>
    /// Puts a new key into a dead node (value nil) of its own bucket's chain, as LuaJIT reuses a dead node
    /// at a key's main position; tables whose keys come and go then do not rehash over and over. A dead
    /// node is only reused for a key that is new to the table, which Lua forbids during a traversal, so
    /// <c>next</c> is unaffected.
    /// </summary>
    private bool TryReuseDeadNode(in LuaValue key, in LuaValue value)
    {
        int h = KeyHash(key);
        var nodes = _nodes!;
        int i = _buckets![h & (_buckets.Length - 1)] - 1;
        while (i >= 0)
        {
            ref Node n = ref nodes[i];
            if (n.Value.IsNil)
            {
                _keyStamp = 0;
                _keySummary |= KeySummaryBit(h);
                n.Key = key;
                n.HashCode = h;
                n.Value = value;
                if (key.IsNumber) _hashHasNumberKeys = true;
                return true;
            }
            i = n.Next;
        }
        return false;
    }

    private void InitHash(int size)
    {
        _buckets = new int[size];
        _nodes = new Node[size];
        _nodeCount = 0;
        _hashHasNumberKeys = false;
    }

    // ---- rehash: LuaJIT's sizing (lj_tab.c rehashtab/bestasize), so '#' on tables with holes agrees ----

    /// <summary>
    /// Resizes both parts for the live entries plus <paramref name="extraKey"/>, as LuaJIT does when a
    /// new key finds the hash part full. Integer keys are counted in bins (bin 0: keys 0..2, bin b: keys
    /// 2^b+1..2^(b+1)); the array part then covers 1..2^(b+1) for the largest b whose keys 0..2^(b+1)
    /// number more than 2^(b-1). (LuaJIT's array has a slot for key 0 too; here key 0 lives in the hash
    /// part but is counted the same way, so the sizes come out equal.) The hash part gets the smallest
    /// power of two, at least 2, that holds the rest. The array part may shrink; dead nodes are dropped.
    /// </summary>
    private void Rehash(in LuaValue extraKey)
    {
        Span<int> bins = stackalloc int[32];
        bins.Clear();
        int integerKeys = CountArrayKeys(bins);
        int total = 1 + integerKeys;            // the 1 is the key being added
        bool keyZero = false;
        int dead = 0;
        var oldNodes = _nodes;
        int oldCount = _nodeCount;
        for (int i = 0; i < oldCount; i++)
        {
            ref Node n = ref oldNodes![i];
            if (n.Value.IsNil) { dead++; continue; }
            total++;
            if (n.Key.IsNumber && CountIntegerKey(n.Key.Number, bins))
            {
                integerKeys++;
                if (n.Key.Number == 0) keyZero = true;
            }
        }
        if (extraKey.IsNumber && CountIntegerKey(extraKey.Number, bins))
        {
            integerKeys++;
            if (extraKey.Number == 0) keyZero = true;
        }

        int keysInArray = BestArraySize(bins, integerKeys, out int arraySize);
        int hashEntries = total - keysInArray;
        if (keyZero && arraySize > 0) hashEntries++; // LuaJIT keeps key 0 in its array; we keep it hashed
        int hashSize = hashEntries > 0 ? HashSizeFor(hashEntries) : 0;
        // Keys coming and going (a cache, a set of pending requests) fill the nodes with dead entries
        // while the live count stays put; sized exactly, such a table would rehash after every few
        // inserts. When a rehash frees dead nodes without growing, leave half the nodes free instead.
        if (dead > 0 && hashSize > 0 && hashSize <= (oldNodes?.Length ?? 0))
            hashSize = HashSizeFor(2 * hashEntries);
        ResizeParts(arraySize, hashSize);
    }

    /// <summary>
    /// Sizes the array part for a loop about to store t[first], t[first+1], ..., t[last] in that order with values
    /// that are never nil (a numeric for, step 1, whose body stores a constant or a number and can leave only by
    /// finishing or by an error): to the size that growing one append at a time ends at, so the fill allocates
    /// once instead of doubling (an 8M-key fill by doubling allocates 256 MB, copies 128 MB and page-faults
    /// most of it, ~0.1 s; presized, 0.02-0.06 s). Does nothing unless that end state is certain: the keys
    /// 1..first-1 fill the array part up to its size, or first is its size + 1, so the loop appends (a hole would
    /// change the counts a rehash makes), and the hash part has no nodes (an append would take a free node
    /// before growing the array). Only <see cref="MaxPresizedArray"/> slots are reserved ahead, so a loop that
    /// fails early cannot have asked for gigabytes it never fills.
    /// </summary>
    internal void PresizeArrayForFill(int first, int last)
    {
        int size = _array.Length;
        if (first < 1 || first > size + 1 || last <= size || last > MaxPresizedArray) return;
        if (_border != size || _nodes is not null) return;
        // The counts a rehash would make with every key 1..last present (bins as CountArrayKeys fills them).
        Span<int> bins = stackalloc int[32];
        bins.Clear();
        for (int b = 0; b < 31; b++)
        {
            int lo = b == 0 ? 1 : (1 << b) + 1, hi = Math.Min(last, 2 << b);
            if (lo > last) break;
            bins[b] = hi - lo + 1;
        }
        BestArraySize(bins, last, out int arraySize);
        if (arraySize > size) ResizeParts(arraySize, 0);
    }

    /// <summary>The largest array part <see cref="PresizeArrayForFill"/> reserves (16M keys, 256 MB).</summary>
    internal const int MaxPresizedArray = 1 << 24;

    /// <summary>Counts the non-nil array slots into their bins; returns the total.</summary>
    private int CountArrayKeys(Span<int> bins)
    {
        var array = _array;
        int total = 0;
        for (int k = 1; k <= array.Length; k++)
        {
            if (array[k - 1].IsNil) continue;
            bins[Bin(k)]++;
            total++;
        }
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bin(int k) => k <= 2 ? 0 : 31 - BitOperations.LeadingZeroCount((uint)(k - 1));

    /// <summary>Adds a number key to its bin when it is an integer in 0..MaxArraySize; true if it was counted.</summary>
    private static bool CountIntegerKey(double d, Span<int> bins)
    {
        int k = (int)d;
        if (k != d || k < 0 || k > MaxArraySize) return false;
        bins[Bin(k)]++;
        return true;
    }

    /// <summary>LuaJIT's bestasize: returns how many keys land in the array; <paramref name="arraySize"/>
    /// is the number of keys 1..n the array part covers (LuaJIT's asize minus its slot 0).</summary>
    private static int BestArraySize(ReadOnlySpan<int> bins, int integerKeys, out int arraySize)
    {
        long n = integerKeys;
        int sum = 0, inArray = 0;
        arraySize = 0;
        for (int b = 0; b < 31 && 2 * n > (1L << b) && sum != n; b++)
        {
            if (bins[b] > 0 && 2L * (sum += bins[b]) > (1L << b))
            {
                arraySize = 2 << b;
                inArray = sum;
            }
        }
        return inArray;
    }

    private void ResizeParts(int newArraySize, int hashSize)
    {
        var oldArray = _array;
        var oldNodes = _nodes;
        int oldCount = _nodeCount;
        if (newArraySize == oldArray.Length && oldNodes is not null && hashSize == oldNodes.Length)
        {
            CompactHashInPlace();
            return;
        }

        // The border of the copied slots: the old one, cut at the new size (the slots past it were nil).
        int border = _border == UnknownBorder ? UnknownBorder : Math.Min(_border, newArraySize);
        if (newArraySize != oldArray.Length)
        {
            var array = newArraySize == 0 ? Array.Empty<LuaValue>() : new LuaValue[newArraySize];
            Array.Copy(oldArray, array, Math.Min(oldArray.Length, newArraySize));
            _array = array;
        }
        if (hashSize > 0) InitHash(hashSize);
        else { _buckets = null; _nodes = null; _nodeCount = 0; _hashHasNumberKeys = false; }

        // Array slots cut off by a shrink move to the hash part.
        for (int k = newArraySize + 1; k <= oldArray.Length; k++)
            if (!oldArray[k - 1].IsNil) Reinsert(LuaValue.FromNumber(k), oldArray[k - 1]);
        // Keys moving from the hash part into the array keep the border exact only if they are exactly
        // border+1..border+moved (distinct keys, so the smallest and the largest tell).
        int moved = 0, lowest = int.MaxValue, highest = 0;
        for (int i = 0; i < oldCount; i++)
        {
            ref Node o = ref oldNodes![i];
            if (o.Value.IsNil) continue;
            if (o.Key.IsNumber)
            {
                double d = o.Key.Number;
                int k = (int)d;
                if (k == d && (uint)(k - 1) < (uint)newArraySize)
                {
                    _array[k - 1] = o.Value;
                    moved++;
                    lowest = Math.Min(lowest, k);
                    highest = Math.Max(highest, k);
                    continue;
                }
            }
            Reinsert(o.Key, o.Value);
        }
        if (border != UnknownBorder && moved > 0)
            border = lowest == border + 1 && highest == border + moved ? highest : UnknownBorder;
        _border = border != UnknownBorder ? border : ScanBorder(_array);
    }

    /// <summary>The array part's border if it has exactly one (values, then only nils), else <see cref="UnknownBorder"/>.</summary>
    private static int ScanBorder(LuaValue[] array)
    {
        int b = 0;
        while (b < array.Length && !array[b].IsNil) b++;
        for (int i = b; i < array.Length; i++)
            if (!array[i].IsNil) return UnknownBorder;
        return b;
    }

    /// <summary>
    /// Drops the dead nodes without allocating, for a rehash that keeps both sizes (the steady state of
    /// a table whose keys come and go). Live nodes keep their order, so traversal order is unchanged.
    /// </summary>
    private void CompactHashInPlace()
    {
        var nodes = _nodes!;
        var buckets = _buckets!;
        Array.Clear(buckets);
        int live = 0;
        bool numberKeys = false;
        for (int i = 0; i < _nodeCount; i++)
        {
            if (nodes[i].Value.IsNil) continue;
            if (live != i) nodes[live] = nodes[i];
            ref Node n = ref nodes[live];
            int b = n.HashCode & (buckets.Length - 1);
            n.Next = buckets[b] - 1;
            buckets[b] = live + 1;
            if (n.Key.IsNumber) numberKeys = true;
            live++;
        }
        Array.Clear(nodes, live, _nodeCount - live);
        _nodeCount = live;
        _hashHasNumberKeys = numberKeys;
    }

    /// <summary>Adds an entry during a resize, where there is always room.</summary>
    private void Reinsert(in LuaValue key, in LuaValue value)
    {
        if (_nodes is null || _nodeCount == _nodes.Length) InitHashKeeping();
        _keyStamp = 0;
        int h = KeyHash(key);
        _keySummary |= KeySummaryBit(h);
        int b = h & (_buckets!.Length - 1);
        ref Node n = ref _nodes![_nodeCount];
        n.Key = key;
        n.Value = value;
        n.HashCode = h;
        n.Next = _buckets[b] - 1;
        _buckets[b] = ++_nodeCount;
        if (key.IsNumber) _hashHasNumberKeys = true;
    }

    /// <summary>Doubles the hash part keeping its live nodes (only reached if a resize undercounted).</summary>
    private void InitHashKeeping()
    {
        var oldNodes = _nodes;
        int oldCount = _nodeCount;
        InitHash(oldNodes is null ? 2 : oldNodes.Length * 2);
        for (int i = 0; i < oldCount; i++)
            if (!oldNodes![i].Value.IsNil) Reinsert(oldNodes[i].Key, oldNodes[i].Value);
    }

    /// <summary>LuaJIT's hash sizes: the smallest power of two holding <paramref name="n"/> entries, at least 2.</summary>
    private static int HashSizeFor(int n)
    {
        int p = 2;
        while (p < n) p <<= 1;
        return p;
    }

    // ---- length and traversal ----

    /// <summary>
    /// A border, as Lua 5.1's <c>#</c>: n with t[n] ~= nil and t[n+1] == nil (0 if t[1] is nil). Which border,
    /// when a table has holes, follows LuaJIT's lj_tab_len: a binary search in the array part when its last
    /// slot is nil, else the continuation into the hash part.
    /// </summary>
    public int Length()
    {
        var array = _array;
        int n = array.Length;
        // A known border short of the end is the only border of the array part, where the search would land.
        int b = _border;
        if ((uint)b < (uint)n) return b;
        if (n > 0 && array[n - 1].IsNil)
        {
            // LuaJIT searches its slots 0..n with i = 1, j = n + 1 and returns i - 1; in keys that is this.
            int lo = 0, hi = n;
            while (hi - lo > 1)
            {
                int m = (int)(((uint)lo + (uint)hi) >> 1);
                if (array[m - 1].IsNil) hi = m; else lo = m;
            }
            return lo;
        }
        if (_buckets is null || !_hashHasNumberKeys) return n;
        return UnboundSearch(n);
    }

    /// <summary>Lua 5.1's unbound_search: the array part ends in a value and the hash part may go on.</summary>
    private int UnboundSearch(int present)
    {
        long i = present, j = present + 1L;
        while (!GetNumberFromHash(j).IsNil)
        {
            i = j;
            j *= 2;
            if (j > int.MaxValue)
            {
                // Built to be hostile: fall back to a linear walk, as Lua does.
                int k = 1;
                while (!Get(k).IsNil) k++;
                return k - 1;
            }
        }
        while (j - i > 1)
        {
            long m = (i + j) / 2;
            if (Get((double)m).IsNil) j = m; else i = m;
        }
        return (int)i;
    }

    /// <summary>
    /// Lua's <c>next</c>: given a key (nil to start), finds the following entry. Returns false at the end.
    /// Throws "invalid key to 'next'" for a key that is not in the table.
    /// </summary>
    public bool Next(ref LuaValue key, out LuaValue value)
    {
        int position = 0;
        if (!key.IsNil)
        {
            position = -1;
            if (key.IsNumber)
            {
                double d = key.Number;
                int k = (int)d;
                if (k == d && (uint)(k - 1) < (uint)_array.Length) position = k;
            }
            if (position < 0)
            {
                // A traversal passes back the key the last call returned: its node is remembered, which
                // saves hashing and probing for it (a check of the node's key keeps this exact).
                int n = _sharedNodeHint;
                if ((uint)n >= (uint)_nodeCount || !IsSameKey(_nodes![n].Key, key))
                {
                    n = FindNode(key);
                    if (n < 0) throw new LuaException("invalid key to 'next'");
                }
                position = _array.Length + n + 1;
            }
        }
        int found = NextAt(position, out key, out value);
        if (found > _array.Length) _sharedNodeHint = found - _array.Length - 1;
        return found >= 0;
    }

    /// <summary>True when <paramref name="nodeKey"/> is the key <paramref name="key"/> (never nil here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSameKey(in LuaValue nodeKey, in LuaValue key) =>
        ReferenceEquals(nodeKey.Ref, key.Ref) && (!key.IsNumber || nodeKey.Number == key.Number);

    /// <summary>
    /// Cursor traversal without key lookups, for pairs loops and library code: pass 0 to start, then the
    /// returned cursor; a negative return means the end. The order is the same as <see cref="Next"/>'s,
    /// and fields may be assigned nil during it.
    /// </summary>
    public int NextAt(int cursor, out LuaValue key, out LuaValue value)
    {
        var array = _array;
        for (int i = cursor; i < array.Length; i++)
        {
            if (!array[i].IsNil)
            {
                key = LuaValue.FromNumber(i + 1);
                value = array[i];
                return i + 1;
            }
        }
        var nodes = _nodes;
        for (int n = Math.Max(0, cursor - array.Length); n < _nodeCount; n++)
        {
            ref Node node = ref nodes![n];
            if (!node.Value.IsNil)
            {
                key = node.Key;
                value = node.Value;
                return array.Length + n + 1;
            }
        }
        key = LuaValue.Nil;
        value = LuaValue.Nil;
        return -1;
    }

    // ---- weak tables (see WeakTables) ----

    private static bool IsCollectable(in LuaValue v) => v.Ref is LuaTable or LuaFunction or LuaUserdata or LuaThread;

    /// <summary>One weakly held entry taken out of a table for the length of a collection.</summary>
    internal sealed class DetachedEntry
    {
        // Weak key: an ephemeron from the key to the value's reference, so the value lives as long as the
        // key and does not keep it alive. Otherwise the key is held strongly.
        private DependentHandle _keyToValue;
        private readonly bool _weakKey;
        private readonly LuaValue _strongKey;
        // Weak value: only a weak reference. Otherwise the value's reference is held by the ephemeron (weak
        // key) or by _strongValue; a number keeps its payload in _number either way.
        private readonly WeakReference<object>? _weakValue;
        private readonly LuaValue _strongValue;
        private readonly double _number;

        public DetachedEntry(in LuaValue key, in LuaValue value, bool weakKey, bool weakValue)
        {
            _weakKey = weakKey;
            _number = value.Number;
            if (weakValue) _weakValue = new WeakReference<object>(value.Ref!);
            if (weakKey) _keyToValue = new DependentHandle(key.Ref, weakValue ? null : value.Ref);
            else
            {
                _strongKey = key;
                if (!weakValue) _strongValue = value;
            }
        }

        public void Restore(LuaTable table)
        {
            LuaValue key, value;
            if (_weakKey)
            {
                (object? target, object? dependent) = _keyToValue.TargetAndDependent;
                _keyToValue.Dispose();
                if (target is null) return;
                key = LuaValue.FromObject(target);
                value = ReferenceEquals(dependent, NumberTag.Instance) ? LuaValue.FromNumber(_number) : LuaValue.FromObject(dependent);
            }
            else
            {
                key = _strongKey;
                value = _strongValue;
            }
            if (_weakValue is not null)
            {
                if (!_weakValue.TryGetTarget(out var v)) return;
                value = LuaValue.FromObject(v);
            }
            table.Set(key, value);
        }
    }

    /// <summary>Takes out the entries a collection may clear: those with a collectable key (weak keys)
    /// or a collectable value (weak values).</summary>
    internal List<DetachedEntry> DetachWeakEntries(bool weakKeys, bool weakValues)
    {
        var detached = new List<DetachedEntry>();
        if (weakValues)
        {
            var array = _array;
            for (int i = 0; i < array.Length; i++)
            {
                if (!IsCollectable(array[i])) continue;
                detached.Add(new DetachedEntry(LuaValue.FromNumber(i + 1), array[i], false, true));
                array[i] = LuaValue.Nil;
                _border = UnknownBorder;
            }
        }
        for (int n = 0; n < _nodeCount; n++)
        {
            ref Node node = ref _nodes![n];
            if (node.Value.IsNil) continue;
            bool weakKey = weakKeys && IsCollectable(node.Key);
            bool weakValue = weakValues && IsCollectable(node.Value);
            if (!weakKey && !weakValue) continue;
            detached.Add(new DetachedEntry(node.Key, node.Value, weakKey, weakValue));
            node.Value = LuaValue.Nil;
            // A dead node keeps its key for traversal, but a weak key must not stay referenced: a node
            // with a nil key matches no lookup, and Restore adds the entry back as a new node.
            if (weakKey) node.Key = LuaValue.Nil;
        }
        return detached;
    }

    /// <summary>Removes every entry (LuaJIT's <c>table.clear</c>), keeping the allocated space.</summary>
    public void Clear()
    {
        Array.Clear(_array);
        _border = 0;
        if (_buckets is not null)
        {
            Array.Clear(_buckets);
            Array.Clear(_nodes!, 0, _nodeCount);
            _nodeCount = 0;
            _hashHasNumberKeys = false;
            _keySummary = 0;
        }
        NoMetaMethodFlags = 0;
    }
}
