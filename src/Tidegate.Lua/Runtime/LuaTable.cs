using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// A Lua table: an array part for the keys 1..n and a hash part for everything else.
/// All operations here are raw (no metamethods); metamethod-aware access is in <see cref="LuaOps"/>.
///
/// The hash part is index-chained: <c>_buckets[h % size]</c> holds 1 + the index of the first node of
/// the chain, and nodes are appended in insertion order. A removed entry keeps its node with a nil
/// value until the next resize, which is what lets <c>next</c> continue a traversal in which fields
/// are assigned nil, as Lua allows.
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
    private int _arrayCount;               // slots 0.._arrayCount-1 of _array are in use (keys 1.._arrayCount)
    private int[]? _buckets;
    private Node[]? _nodes;
    private int _nodeCount;                // nodes used, live or dead

    /// <summary>The metatable, or null. Set through <see cref="Metatable"/> so the metamethod cache is reset.</summary>
    private LuaTable? _metatable;

    /// <summary>
    /// Bit i set means "this table, used as a metatable, is known to have no metamethod i"
    /// (see <see cref="MetaMethod"/>); like LuaJIT's nomm cache. Cleared on every raw write of a string key.
    /// </summary>
    internal uint NoMetaMethodFlags;

    public LuaTable() { }

    public LuaTable(int arrayCapacity, int hashCapacity)
    {
        if (arrayCapacity > 0) _array = new LuaValue[arrayCapacity];
        if (hashCapacity > 0) InitHash(RoundUpPow2(hashCapacity));
    }

    public LuaTable? Metatable
    {
        get => _metatable;
        set => _metatable = value;
    }

    /// <summary>The number of slots in the array part that are in use.</summary>
    internal int ArrayCount => _arrayCount;

    // ---- reads ----

    public LuaValue this[LuaValue key]
    {
        get => Get(key);
        set => Set(key, value);
    }

    public LuaValue this[string key]
    {
        get => Get(LuaString.FromUtf8(key));
        set => Set(LuaString.FromUtf8(key), value);
    }

    public LuaValue Get(in LuaValue key)
    {
        if (key.IsNumber) return Get(key.Number);
        if (key.Ref is null) return LuaValue.Nil;
        return HashGet(key);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue Get(double key)
    {
        int i = (int)key;
        if (i == key && (uint)(i - 1) < (uint)_arrayCount) return _array[i - 1];
        return HashGet(LuaValue.FromNumber(key));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue Get(int key)
    {
        if ((uint)(key - 1) < (uint)_arrayCount) return _array[key - 1];
        return HashGet(LuaValue.FromNumber(key));
    }

    public LuaValue Get(LuaString key) => HashGet(key);

    private LuaValue HashGet(in LuaValue key)
    {
        int i = FindNode(key);
        return i < 0 ? LuaValue.Nil : _nodes![i].Value;
    }

    private int FindNode(in LuaValue key)
    {
        if (_buckets is null) return -1;
        int h = KeyHash(key);
        int i = _buckets[(h & 0x7fffffff) & (_buckets.Length - 1)] - 1;
        var nodes = _nodes!;
        while (i >= 0)
        {
            ref Node n = ref nodes[i];
            if (n.HashCode == h && LuaValue.RawEquals(n.Key, key)) return i;
            i = n.Next;
        }
        return -1;
    }

    private static int KeyHash(in LuaValue key) => key.GetHashCode();

    // ---- writes ----

    /// <summary>Raw assignment. Throws the Lua errors for nil and NaN keys.</summary>
    public void Set(in LuaValue key, in LuaValue value)
    {
        if (key.IsNumber) { Set(key.Number, value); return; }
        if (key.Ref is null) throw new LuaException("table index is nil");
        if (key.Ref is LuaString) NoMetaMethodFlags = 0;
        HashSet(key, value);
    }

    public void Set(LuaString key, in LuaValue value)
    {
        NoMetaMethodFlags = 0;
        HashSet(key, value);
    }

    public void Set(double key, in LuaValue value)
    {
        int i = (int)key;
        if (i == key)
        {
            Set(i, value);
            return;
        }
        if (double.IsNaN(key)) throw new LuaException("table index is NaN");
        HashSet(LuaValue.FromNumber(key), value);
    }

    public void Set(int key, in LuaValue value)
    {
        if ((uint)(key - 1) < (uint)_arrayCount)
        {
            _array[key - 1] = value;
            return;
        }
        if (key == _arrayCount + 1 && !value.IsNil)
        {
            AppendToArray(value);
            return;
        }
        HashSet(LuaValue.FromNumber(key), value);
    }

    private void AppendToArray(in LuaValue value)
    {
        if (_arrayCount == _array.Length)
            Array.Resize(ref _array, Math.Max(4, _array.Length * 2));
        _array[_arrayCount++] = value;
        // A key that now directly follows the array part may be waiting in the hash part: move it over.
        if (_buckets is not null)
        {
            while (true)
            {
                int n = FindNode(LuaValue.FromNumber(_arrayCount + 1));
                if (n < 0 || _nodes![n].Value.IsNil) break;
                var v = _nodes[n].Value;
                _nodes[n].Value = LuaValue.Nil;
                if (_arrayCount == _array.Length) Array.Resize(ref _array, _array.Length * 2);
                _array[_arrayCount++] = v;
            }
        }
    }

    private void HashSet(in LuaValue key, in LuaValue value)
    {
        int i = FindNode(key);
        if (i >= 0)
        {
            _nodes![i].Value = value;
            return;
        }
        if (value.IsNil) return;
        if (_nodes is null || _nodeCount == _nodes.Length) Rehash();
        int h = KeyHash(key);
        int b = (h & 0x7fffffff) & (_buckets!.Length - 1);
        ref Node n = ref _nodes![_nodeCount];
        n.Key = key;
        n.Value = value;
        n.HashCode = h;
        n.Next = _buckets[b] - 1;
        _buckets[b] = ++_nodeCount;
    }

    private void InitHash(int size)
    {
        _buckets = new int[size];
        _nodes = new Node[size];
        _nodeCount = 0;
    }

    /// <summary>Grows (or compacts) the hash part, dropping dead (nil-valued) nodes.</summary>
    private void Rehash()
    {
        var oldNodes = _nodes;
        int oldCount = _nodeCount;
        int live = 0;
        for (int i = 0; i < oldCount; i++) if (!oldNodes![i].Value.IsNil) live++;
        int size = RoundUpPow2(Math.Max(4, (live + 1) * 2));
        InitHash(size);
        for (int i = 0; i < oldCount; i++)
        {
            ref Node o = ref oldNodes![i];
            if (o.Value.IsNil) continue;
            int b = (o.HashCode & 0x7fffffff) & (size - 1);
            ref Node n = ref _nodes![_nodeCount];
            n = o;
            n.Next = _buckets![b] - 1;
            _buckets[b] = ++_nodeCount;
        }
    }

    private static int RoundUpPow2(int n)
    {
        int p = 4;
        while (p < n) p <<= 1;
        return p;
    }

    // ---- length and traversal ----

    /// <summary>A border, as Lua 5.1's <c>#</c>: n with t[n] ~= nil and t[n+1] == nil (0 if t[1] is nil).</summary>
    public int Length()
    {
        int n = _arrayCount;
        if (n > 0 && _array[n - 1].IsNil)
        {
            // Binary search for a border inside the array part.
            int lo = 0, hi = n;
            while (hi - lo > 1)
            {
                int m = (lo + hi) >>> 1;
                if (_array[m - 1].IsNil) hi = m; else lo = m;
            }
            return lo;
        }
        if (_buckets is null) return n;
        // Continue into the hash part.
        int j = n + 1;
        while (!HashGet(LuaValue.FromNumber(j)).IsNil) j++;
        return j - 1;
    }

    /// <summary>
    /// Lua's <c>next</c>: given a key (nil to start), finds the following entry. Returns false at the end.
    /// Throws "invalid key to 'next'" for a key that is not in the table.
    /// </summary>
    public bool Next(ref LuaValue key, out LuaValue value)
    {
        int i; // position to start scanning: 0.._arrayCount-1 array, then nodes
        if (key.IsNil) i = 0;
        else
        {
            i = -1;
            if (key.IsNumber)
            {
                double d = key.Number;
                int k = (int)d;
                if (k == d && (uint)(k - 1) < (uint)_arrayCount) i = k;
            }
            if (i < 0)
            {
                int n = FindNode(key);
                if (n < 0) throw new LuaException("invalid key to 'next'");
                i = _arrayCount + n + 1;
            }
        }
        for (; i < _arrayCount; i++)
        {
            if (!_array[i].IsNil)
            {
                key = LuaValue.FromNumber(i + 1);
                value = _array[i];
                return true;
            }
        }
        for (int n = i - _arrayCount; n < _nodeCount; n++)
        {
            ref Node node = ref _nodes![n];
            if (!node.Value.IsNil)
            {
                key = node.Key;
                value = node.Value;
                return true;
            }
        }
        key = LuaValue.Nil;
        value = LuaValue.Nil;
        return false;
    }

    /// <summary>Removes every entry (LuaJIT's <c>table.clear</c>), keeping the allocated space.</summary>
    public void Clear()
    {
        Array.Clear(_array, 0, _arrayCount);
        _arrayCount = 0;
        if (_buckets is not null)
        {
            Array.Clear(_buckets);
            Array.Clear(_nodes!, 0, _nodeCount);
            _nodeCount = 0;
        }
        NoMetaMethodFlags = 0;
    }
}
