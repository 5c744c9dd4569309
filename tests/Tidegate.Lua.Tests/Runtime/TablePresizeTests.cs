namespace Tidegate.Lua.Tests.Runtime;

/// <summary>
/// <see cref="LuaTable.PresizeArrayForFill"/>: a table presized for a fill, then filled, must end exactly as the same
/// fill without the presize leaves it (array size, hash size, '#', traversal), and a presize whose end state is not
/// certain must change nothing.
/// </summary>
public class TablePresizeTests
{
    private static void Fill(LuaTable t, int first, int last)
    {
        for (int i = first; i <= last; i++) t.Set(i, LuaValue.False);
    }

    private static string Shape(LuaTable t)
    {
        var keys = new List<string>();
        var key = LuaValue.Nil;
        while (t.Next(ref key, out _)) keys.Add(key.ToString());
        return $"array {t.ArrayCount} hash {t.HashCapacity} len {t.Length()} keys {string.Join(",", keys)}";
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(0, 3)]
    [InlineData(0, 5)]
    [InlineData(0, 1000)]
    [InlineData(0, 1024)]
    [InlineData(0, 1025)]
    [InlineData(4, 4000)]
    [InlineData(7, 8)]
    [InlineData(8, 9)]
    [InlineData(3, 2)]
    public void A_presized_fill_ends_as_the_fill_by_appends(int before, int last)
    {
        var grown = new LuaTable();
        var presized = new LuaTable();
        Fill(grown, 1, before);
        Fill(presized, 1, before);
        presized.PresizeArrayForFill(before + 1, last);
        Fill(grown, before + 1, last);
        Fill(presized, before + 1, last);
        Assert.Equal(Shape(grown), Shape(presized));
    }

    [Fact]
    public void The_fill_allocates_once()
    {
        var t = new LuaTable();
        t.PresizeArrayForFill(1, 100_000);
        var storage = t.ArrayStorage;
        Assert.Equal(131_072, storage.Length);
        Fill(t, 1, 100_000);
        Assert.Same(storage, t.ArrayStorage);
        Assert.Equal(100_000, t.Length());
    }

    [Fact]
    public void A_presize_whose_end_state_is_not_certain_changes_nothing()
    {
        // a hash part (a free node would take an append first)
        var withField = new LuaTable();
        withField.Set(LuaString.FromLatin1("name"), LuaValue.True);
        withField.PresizeArrayForFill(1, 1000);
        Assert.Equal(0, withField.ArrayCount);

        // a hole in the array part
        var withHole = new LuaTable();
        Fill(withHole, 1, 8);
        withHole.Set(3, LuaValue.Nil);
        withHole.PresizeArrayForFill(9, 1000);
        Assert.Equal(8, withHole.ArrayCount);

        // a fill that does not start at the end of the array part (its keys would go to the hash part)
        var gap = new LuaTable();
        Fill(gap, 1, 4);
        gap.PresizeArrayForFill(10, 1000);
        Assert.Equal(4, gap.ArrayCount);

        // bounds the emitter may pass that are not a fill: empty, backwards, negative, beyond the cap
        var empty = new LuaTable();
        empty.PresizeArrayForFill(1, 0);
        empty.PresizeArrayForFill(0, 100);
        empty.PresizeArrayForFill(-5, 100);
        empty.PresizeArrayForFill(1, LuaTable.MaxPresizedArray + 1);
        empty.PresizeArrayForFill(1, int.MaxValue);
        Assert.Equal(0, empty.ArrayCount);

        // already large enough
        var large = new LuaTable(64, 0);
        Fill(large, 1, 64);
        large.PresizeArrayForFill(65, 64);
        Assert.Equal(64, large.ArrayCount);
    }
}
