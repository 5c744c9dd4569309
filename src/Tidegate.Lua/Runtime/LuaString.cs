using System.Runtime.CompilerServices;
using System.Text;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// A Lua string: an immutable sequence of bytes (never a System.String, so every byte value
/// survives). The hash is computed once, lazily. Equality is by content; interned strings
/// (constants) usually hit the reference-equality fast path first.
/// </summary>
public sealed class LuaString : IEquatable<LuaString>, IComparable<LuaString>
{
    private readonly byte[] _bytes;
    private int _hash; // 0 = not computed yet

    public static readonly LuaString Empty = new(Array.Empty<byte>());

    /// <summary>Takes ownership of <paramref name="bytes"/>: the caller must not change it afterwards.</summary>
    public LuaString(byte[] bytes) => _bytes = bytes;

    public static LuaString FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length == 0 ? Empty : new LuaString(bytes.ToArray());
    /// <summary>UTF-8 encodes a .NET string: for text edges (names, messages) only.</summary>
    public static LuaString FromUtf8(string s) => s.Length == 0 ? Empty : new LuaString(Encoding.UTF8.GetBytes(s));
    /// <summary>Maps each char 0..255 to one byte: for strings that already hold bytes as chars.</summary>
    public static LuaString FromLatin1(string s) => s.Length == 0 ? Empty : new LuaString(Encoding.Latin1.GetBytes(s));
    public static implicit operator LuaString(string s) => FromUtf8(s);

    public int Length { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _bytes.Length; }
    public ReadOnlySpan<byte> Span { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _bytes; }
    /// <summary>The backing array; read-only by contract.</summary>
    internal byte[] Bytes => _bytes;
    public byte this[int index] => _bytes[index];

    public override int GetHashCode()
    {
        int h = _hash;
        if (h == 0)
        {
            // FNV-1a over all bytes; strings are immutable, so this runs once per string.
            uint x = 2166136261;
            foreach (byte b in _bytes) x = (x ^ b) * 16777619;
            h = (int)x;
            if (h == 0) h = 1;
            _hash = h;
        }
        return h;
    }

    public bool Equals(LuaString? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._bytes.Length != _bytes.Length) return false;
        if (_hash != 0 && other._hash != 0 && _hash != other._hash) return false;
        return _bytes.AsSpan().SequenceEqual(other._bytes);
    }

    public override bool Equals(object? obj) => obj is LuaString s && Equals(s);

    /// <summary>Byte-wise comparison, as Lua's <c>&lt;</c> on strings (strcoll in the C locale).</summary>
    public int CompareTo(LuaString? other) => other is null ? 1 : _bytes.AsSpan().SequenceCompareTo(other._bytes);

    /// <summary>UTF-8 decoding for text edges (.NET APIs, log lines); invalid bytes become U+FFFD.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_bytes);
    /// <summary>One char per byte, lossless.</summary>
    public string ToLatin1() => Encoding.Latin1.GetString(_bytes);
}
