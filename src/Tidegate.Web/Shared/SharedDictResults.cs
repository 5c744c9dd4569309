namespace Tidegate.Web.Shared;

/// <summary>How a store treats an existing key (ngx_lua's set/add/replace).</summary>
public enum SharedDictStoreMode : byte
{
    /// <summary>Store whether or not the key exists.</summary>
    Set,
    /// <summary>Store only if the key is absent or expired; otherwise "exists".</summary>
    Add,
    /// <summary>Store only if the key is present and not expired; otherwise "not found".</summary>
    Replace,
}

/// <summary>The outcome of set/add/replace/delete: ok, or ngx_lua's error string; and whether live entries were evicted.</summary>
public readonly record struct SharedDictStoreResult(bool Ok, string? Error, bool Forcible);

/// <summary>The outcome of get/get_stale: the value (nil when absent), its user flags, whether it had expired, or an error.</summary>
public readonly record struct SharedDictGetResult(SharedDictValue Value, int Flags, bool Stale, string? Error);

/// <summary>The outcome of incr: the new value, or an error; whether live entries were evicted for a new key.</summary>
public readonly record struct SharedDictIncrResult(double Value, string? Error, bool Forcible);

/// <summary>The outcome of lpush/rpush/llen: a list length, or an error.</summary>
public readonly record struct SharedDictLengthResult(long Length, string? Error);

/// <summary>The outcome of lpop/rpop: the value (nil when the list is absent), or an error.</summary>
public readonly record struct SharedDictPopResult(SharedDictValue Value, string? Error);
