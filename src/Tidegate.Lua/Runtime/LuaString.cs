using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>Set on compiler constants and library names once <see cref="StringInterner"/> shares them:
    /// run-time results never take their cache slot (see <see cref="StringInterner.InternResult"/>).</summary>
    internal bool IsConstant;

    public static readonly LuaString Empty = new(Array.Empty<byte>());

    /// <summary>Takes ownership of <paramref name="bytes"/>: the caller must not change it afterwards.</summary>
    public LuaString(byte[] bytes) => _bytes = bytes;

    /// <summary>As <see cref="LuaString(byte[])"/>, with the hash of the bytes already known (<see cref="HashOf"/>).</summary>
    internal LuaString(byte[] bytes, int hash)
    {
        _bytes = bytes;
        _hash = hash;
    }

    public static LuaString FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        0 => Empty,
        1 => SingleBytes[bytes[0]],
        _ => new LuaString(bytes.ToArray()),
    };
    /// <summary>UTF-8 encodes a .NET string: for text edges (names, messages) only.</summary>
    public static LuaString FromUtf8(string s) => s.Length == 0 ? Empty : new LuaString(Encoding.UTF8.GetBytes(s));
    /// <summary>Maps each char 0..255 to one byte: for strings that already hold bytes as chars.</summary>
    public static LuaString FromLatin1(string s) => s.Length == 0 ? Empty : new LuaString(Encoding.Latin1.GetBytes(s));
    public static implicit operator LuaString(string s) => FromUtf8(s);

    private static readonly LuaString[] SingleBytes = CreateSingleBytes();

    private static LuaString[] CreateSingleBytes()
    {
        var all = new LuaString[256];
        for (int i = 0; i < 256; i++) all[i] = new LuaString(new[] { (byte)i });
        return all;
    }

    /// <summary>The one-byte string <paramref name="b"/>, shared (string.char, sub and gmatch make many).</summary>
    public static LuaString OfByte(byte b) => SingleBytes[b];

    /// <summary>a .. b for two strings: one allocation, and no copy at all when either is empty. A short
    /// result is shared through <see cref="StringInterner.InternResult"/> (see there why).</summary>
    [SkipLocalsInit]
    public static LuaString Concat(LuaString a, LuaString b)
    {
        if (a._bytes.Length == 0) return b;
        if (b._bytes.Length == 0) return a;
        long total = (long)a._bytes.Length + b._bytes.Length;
        if (total <= StringInterner.MaxInternedLength) return ConcatShort(a, b, out _);
        if (total > Array.MaxLength) throw new LuaException("not enough memory");
        var bytes = new byte[total];
        // Span copies are a plain memmove; Array.CopyTo checks the arrays' types first.
        a._bytes.AsSpan().CopyTo(bytes);
        b._bytes.AsSpan().CopyTo(bytes.AsSpan(a._bytes.Length));
        return new LuaString(bytes);
    }

    /// <summary>a .. b for two strings whose joined length is 2..<see cref="StringInterner.MaxInternedLength"/> (the
    /// caller checked): the shared result, and whether the interner already had it (<see cref="ConcatPairCache"/>).</summary>
    [SkipLocalsInit]
    internal static LuaString ConcatShort(LuaString a, LuaString b, out bool madeBefore)
    {
        Span<byte> joined = stackalloc byte[StringInterner.MaxInternedLength];
        a._bytes.AsSpan().CopyTo(joined);
        b._bytes.AsSpan().CopyTo(joined[a._bytes.Length..]);
        return StringInterner.InternResult(joined[..(a._bytes.Length + b._bytes.Length)], out madeBefore);
    }

    public int Length { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _bytes.Length; }
    public ReadOnlySpan<byte> Span { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _bytes; }
    /// <summary>The backing array; read-only by contract.</summary>
    internal byte[] Bytes => _bytes;
    public byte this[int index] => _bytes[index];

    /// <summary>The cached hash; inlined into table lookups, which compute it once per string at most.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        int h = _hash;
        return h != 0 ? h : ComputeHash();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ComputeHash()
    {
        int h = _hash;
        if (h == 0)
        {
            // .NET's HashCode: xxHash32 with a per-process random seed, so request data (header names,
            // JSON keys) cannot be chosen to collide in table chains; and it is several times faster
            // than a byte-at-a-time hash on long strings. Strings are immutable, so this runs once.
            // Tables keep insertion order in their nodes, so traversal order does not depend on the seed.
            h = HashOf(_bytes);
            _hash = h;
        }
        return h;
    }

    /// <summary>The hash a string with these bytes has (never 0, which marks "not computed").</summary>
    /// <remarks>
    /// A multiply-fold hash over 8-byte words with a per-process random seed, so request data (header
    /// names, JSON keys) cannot be chosen to collide in table chains. Short strings are hashed on every
    /// concatenation whose result is shared (<see cref="StringInterner.InternResult"/>): two overlapping
    /// word loads and one 64×64→128-bit multiply for up to 16 bytes, where .NET's xxHash32
    /// (<see cref="HashCode.AddBytes"/>) fed its queue four bytes at a time and cost more than allocating
    /// the string. Tables keep insertion order in their nodes, so traversal order does not depend on the seed.
    /// </remarks>
    internal static int HashOf(ReadOnlySpan<byte> bytes)
    {
        ref byte b = ref MemoryMarshal.GetReference(bytes);
        int n = bytes.Length;
        ulong acc = HashSeed ^ (ulong)n, first, last;
        if (n > 16)
        {
            int i = 0;
            do
            {
                acc = Fold(Word(ref b, i) ^ HashSeed2, Word(ref b, i + 8) ^ acc);
                i += 16;
            } while (i < n - 16);
            first = Word(ref b, n - 16);
            last = Word(ref b, n - 8);
        }
        else if (n >= 8)
        {
            first = Word(ref b, 0);
            last = Word(ref b, n - 8);
        }
        else if (n >= 4)
        {
            first = Unsafe.ReadUnaligned<uint>(ref b);
            last = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, n - 4));
        }
        else
        {
            // 0..3 bytes: the first, middle and last byte (repeats for 1 and 2) and the length in acc tell them apart.
            first = n == 0 ? 0 : (ulong)b << 16 | (ulong)Unsafe.Add(ref b, n >> 1) << 8 | Unsafe.Add(ref b, n - 1);
            last = 0;
        }
        ulong h = Fold(first ^ HashSeed2, last ^ acc);
        int folded = (int)(h ^ (h >> 32));
        return folded != 0 ? folded : 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ref byte b, int at) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, at));

    /// <summary>Both halves of the 128-bit product, folded: every input bit reaches most output bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong x, ulong y)
    {
        ulong high = Math.BigMul(x, y, out ulong low);
        return high ^ low;
    }

    // Odd, random per process (an even seed would let a zero word cancel the multiply's low bits).
    private static readonly ulong HashSeed = (ulong)Random.Shared.NextInt64() | 1;
    private static readonly ulong HashSeed2 = (ulong)Random.Shared.NextInt64() | 0x8000_0000_0000_0001;

    public bool Equals(LuaString? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._bytes.Length != _bytes.Length) return false;
        if (_hash != 0 && other._hash != 0 && _hash != other._hash) return false;
        return _bytes.AsSpan().SequenceEqual(other._bytes);
    }

    /// <summary>Content equality for two strings already known to have the same hash (table lookups).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool EqualsSameHash(LuaString other) =>
        _bytes.Length == other._bytes.Length && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is LuaString s && Equals(s);

    /// <summary>Byte-wise comparison, as Lua's <c>&lt;</c> on strings (strcoll in the C locale).</summary>
    public int CompareTo(LuaString? other) => other is null ? 1 : _bytes.AsSpan().SequenceCompareTo(other._bytes);

    /// <summary>UTF-8 decoding for text edges (.NET APIs, log lines); invalid bytes become U+FFFD.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_bytes);
    /// <summary>One char per byte, lossless.</summary>
    public string ToLatin1() => Encoding.Latin1.GetString(_bytes);
}
