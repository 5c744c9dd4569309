namespace Tidegate.Web.Shared;

/// <summary>The kinds of value a shared dictionary holds (ngx_lua's value types).</summary>
public enum SharedDictValueKind : byte { Nil, Boolean, Number, String, List }

/// <summary>
/// A value stored in or read from a shared dictionary: plain data (a double or a byte string),
/// never an object of one worker's Lua state, since every worker reads it.
/// A string's bytes are never changed once stored, so readers may keep the array.
/// </summary>
public readonly struct SharedDictValue
{
    private SharedDictValue(SharedDictValueKind kind, double number, byte[]? bytes)
    {
        Kind = kind;
        Number = number;
        Bytes = bytes;
    }

    public SharedDictValueKind Kind { get; }
    /// <summary>The number; for a boolean, 1 or 0.</summary>
    public double Number { get; }
    /// <summary>The bytes of a string.</summary>
    public byte[]? Bytes { get; }

    public static SharedDictValue Nil => default;
    /// <summary>The marker value of a list entry (its items live beside it).</summary>
    internal static SharedDictValue List => new(SharedDictValueKind.List, 0, null);
    public static SharedDictValue FromBoolean(bool b) => new(SharedDictValueKind.Boolean, b ? 1 : 0, null);
    public static SharedDictValue FromNumber(double d) => new(SharedDictValueKind.Number, d, null);
    /// <summary>A string value holding <paramref name="bytes"/> (not copied: the caller gives up the array).</summary>
    public static SharedDictValue FromBytes(byte[] bytes) => new(SharedDictValueKind.String, 0, bytes);

    public bool IsNil => Kind == SharedDictValueKind.Nil;
    public bool Boolean => Number != 0;

    /// <summary>The length nginx stores for this value (value_len): what the entry's size is computed from.</summary>
    public int StoredLength => Kind switch
    {
        SharedDictValueKind.String => Bytes!.Length,
        SharedDictValueKind.Number => sizeof(double),
        SharedDictValueKind.Boolean => 1,
        _ => 0,
    };

    public override string ToString() => Kind switch
    {
        SharedDictValueKind.Nil => "nil",
        SharedDictValueKind.Boolean => Boolean ? "true" : "false",
        SharedDictValueKind.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        SharedDictValueKind.String => System.Text.Encoding.Latin1.GetString(Bytes!),
        _ => "list",
    };
}
