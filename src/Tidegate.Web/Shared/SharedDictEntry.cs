namespace Tidegate.Web.Shared;

/// <summary>
/// One key of a shared dictionary (ngx_http_lua_shdict_node_t): its value, expiry, user flags,
/// its place in the LRU queue and the zone memory it occupies. Guarded by the dictionary's lock.
/// </summary>
internal sealed class SharedDictEntry
{
    public SharedDictEntry(byte[] key) => Key = key;

    public byte[] Key { get; }
    public SharedDictValue Value { get; set; }
    /// <summary>For a list (Value.Kind == List): its items, head first, each with its own memory.</summary>
    public LinkedList<SharedDictListItem>? List { get; set; }
    /// <summary>Absolute expiry in ms; 0 = never.</summary>
    public long Expires { get; set; }
    public int Flags { get; set; }
    public SlabAllocation Allocation { get; set; }

    // The LRU queue: Newer toward the head (most recently used), Older toward the tail.
    public SharedDictEntry? Newer { get; set; }
    public SharedDictEntry? Older { get; set; }

    public bool IsList => Value.Kind == SharedDictValueKind.List;

    /// <summary>The length nginx keeps in value_len: the stored value's size, or a list's item count.</summary>
    public int StoredLength => IsList ? List!.Count : Value.StoredLength;
}

/// <summary>One item of a list value (ngx_http_lua_shdict_list_node_t).</summary>
internal readonly record struct SharedDictListItem(SharedDictValue Value, SlabAllocation Allocation);
