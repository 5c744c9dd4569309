namespace Tidegate.Lua.Library;

/// <summary>
/// One of a buffer's serialization dictionaries: the values of an options table's array part and, for
/// each, its 0-based index (the first occurrence wins, as in LuaJIT).
/// </summary>
public sealed class StringBufferDictionary<T> where T : class
{
    private readonly List<T> _entries = new();
    private readonly Dictionary<T, int> _indexOf;

    public StringBufferDictionary(IEqualityComparer<T> comparer) => _indexOf = new Dictionary<T, int>(comparer);

    /// <summary>Records the next slot's value; null stands for a false placeholder, which still takes its index.</summary>
    public void Add(T? value)
    {
        int index = _entries.Count;
        _entries.Add(value!);
        if (value is not null) _indexOf.TryAdd(value, index);
    }

    public bool TryGetIndex(T value, out int index) => _indexOf.TryGetValue(value, out index);

    /// <summary>The entry at a 0-based index, or null when there is none.</summary>
    public T? this[long index] => index >= 0 && index < _entries.Count ? _entries[(int)index] : null;
}
