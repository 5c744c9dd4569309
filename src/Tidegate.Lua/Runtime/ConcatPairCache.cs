using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// The results of recent short concatenations of two strings, by the two operand objects: <c>w .. "?"</c> made again
/// from the same two strings is answered with two reference compares, where the general path copies both operands
/// into scratch, hashes the joined bytes and compares them with the interned copy (<see cref="StringInterner.InternResult"/>):
/// five calls and three dependent loads, 28-36 ns a time (bench/lua/hash-tables builds each of 5,000 keys 2,400 times).
///
/// <para>One per <see cref="LuaState"/> (a state runs on one OS thread at a time, so an entry's three references are
/// never seen half-written), allocated at the first pair it remembers. Exact: strings are immutable, so a remembered
/// result is always the concatenation of its two operands, whatever happened since. A pair is remembered only when the
/// interner already had its result (the content was made before), so one-off concatenations (a JSON encoder's output,
/// a unique request line) neither fill it nor pay for the stores. Operands are looked up by their hashes (computed once
/// per string, at most 40 bytes here, and kept: most are table keys too).</para>
///
/// <para>2-way set associative: a hit in either way; a new pair goes to the first way and moves the first way's pair
/// to the second. Strings are values in Lua (never removed from weak tables), so keeping them alive is not visible.</para>
/// </summary>
internal sealed class ConcatPairCache
{
    private struct Entry
    {
        public LuaString? Left;
        public LuaString? Right;
        public LuaString? Result;
    }

    /// <summary>Entries (pairs of ways); 196 KB, once per state that concatenates.</summary>
    private const int Size = 1 << 13;

    private readonly Entry[] _entries = new Entry[Size];

    /// <summary>The first way of the set for the operands' two hashes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SetOf(int leftHash, int rightHash) =>
        (int)(((uint)leftHash ^ ((uint)rightHash * 0x9E3779B1u)) & (Size - 2));

    /// <summary>
    /// Whether a .. b is a join this cache serves: two non-empty strings whose result is short enough to be interned
    /// (only interned results are shared, so only they can be remembered).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Covers(LuaString a, LuaString b) =>
        a.Length != 0 && b.Length != 0 && a.Length + b.Length <= StringInterner.MaxInternedLength;

    /// <summary>The state's cache, made on its first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ConcatPairCache Of(LuaState state) => state.ConcatPairs ??= new ConcatPairCache();

    /// <summary>a .. b for two strings the cache <see cref="Covers"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaString Concat(LuaString a, LuaString b)
    {
        ref Entry first = ref _entries[SetOf(a.GetHashCode(), b.GetHashCode())];
        if (ReferenceEquals(first.Left, a) && ReferenceEquals(first.Right, b)) return first.Result!;
        ref Entry second = ref Unsafe.Add(ref first, 1);
        if (ReferenceEquals(second.Left, a) && ReferenceEquals(second.Right, b)) return second.Result!;
        return ConcatAndRemember(ref first, a, b);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaString ConcatAndRemember(ref Entry first, LuaString a, LuaString b)
    {
        var result = LuaString.ConcatShort(a, b, out bool madeBefore);
        if (madeBefore)
        {
            Unsafe.Add(ref first, 1) = first;
            first.Left = a;
            first.Right = b;
            first.Result = result;
        }
        return result;
    }
}
