namespace Tidegate.Lua.Tests.Runtime;

/// <summary>
/// <see cref="ConcatPairCache"/>: a repeated short join of the same two string objects is answered from the cache
/// (the same result object), and every answer is the join of its operands' bytes whatever the cache holds.
/// </summary>
public class ConcatPairCacheTests
{
    private static LuaString S(string s) => LuaString.FromLatin1(s);

    [Fact]
    public void ARepeatedPairGivesTheSameResultObject()
    {
        // The cache remembers a pair only when the interner already held its result, and the interner is one
        // process-wide direct-mapped cache: when the result's slot holds a constant (other tests compile thousands),
        // a run-time result is never stored there, and a string of a test running in parallel can take the slot
        // between two calls here. Either way that round makes new objects (correct strings, just not shared). So the
        // property is checked over rounds with fresh operands, which land in other slots: one undisturbed round must
        // see the second and third joins as one object.
        const int rounds = 20;
        for (int round = 0; round < rounds; round++)
        {
            var cache = new ConcatPairCache();
            var a = S("pair-cache-left-" + Guid.NewGuid().ToString("N")[..8]);
            var b = S("?");
            var first = cache.Concat(a, b);
            var second = cache.Concat(a, b);
            var third = cache.Concat(a, b);
            Assert.Equal(a.ToLatin1() + "?", third.ToLatin1());
            Assert.Equal(first, second);
            if (ReferenceEquals(second, third)) return;
        }
        Assert.Fail($"no round out of {rounds} answered a repeated pair with the same result object");
    }

    [Fact]
    public void EveryAnswerIsTheJoinOfItsOperands()
    {
        var cache = new ConcatPairCache();
        var random = new Random(3);
        var operands = new LuaString[400];
        for (int i = 0; i < operands.Length; i++)
        {
            var bytes = new byte[1 + random.Next(20)];
            random.NextBytes(bytes);
            operands[i] = new LuaString(bytes);
        }
        for (int step = 0; step < 50_000; step++)
        {
            var a = operands[random.Next(operands.Length)];
            var b = operands[random.Next(operands.Length)];
            var joined = cache.Concat(a, b);
            Assert.True(joined.Span.SequenceEqual([.. a.Span, .. b.Span]), $"step {step}");
        }
    }

    [Fact]
    public void EqualOperandsBuiltSeparatelyGiveEqualResults()
    {
        var cache = new ConcatPairCache();
        var one = cache.Concat(S("ab\0c"), S("de"));
        var two = cache.Concat(S("ab\0c"), S("de"));
        cache.Concat(S("ab\0c"), S("de"));
        Assert.Equal(one, two);
        Assert.Equal("ab\0cde", two.ToLatin1());
    }
}
