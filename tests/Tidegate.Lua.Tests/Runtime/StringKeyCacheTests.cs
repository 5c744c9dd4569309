namespace Tidegate.Lua.Tests.Runtime;

public class StringKeyCacheTests
{
    [Fact]
    public void Interned_constants_are_shared_and_long_ones_are_not_cached()
    {
        var a = StringInterner.Intern("field"u8);
        var b = StringInterner.Intern(LuaString.FromLatin1("field"));
        Assert.Same(a, b);
        // A colliding constant interned elsewhere (other tests run in parallel, and the hash seed changes per
        // process) may have taken "__index"'s cache slot; the constant is still the one object.
        Assert.Same(MetaMethodNames.Index, StringInterner.Intern("__index"u8));
        var longBytes = new byte[100];
        Assert.Equal(100, StringInterner.Intern(longBytes).Length);
        Assert.Same(LuaString.Empty, StringInterner.Intern(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void A_constant_that_loses_its_cache_slot_to_another_constant_stays_shared()
    {
        // Two constants with the same cache slot (found under this process's hash seed), interned in turn:
        // each interning evicts the other from the slot, and each must still give back the first object.
        var prefix = "slot" + Guid.NewGuid().ToString("N")[..8] + "_";
        var first = System.Text.Encoding.ASCII.GetBytes(prefix + "0");
        int slot = LuaString.HashOf(first) & (StringInterner.Slots - 1);
        byte[]? second = null;
        for (int i = 1; second is null; i++)
        {
            var candidate = System.Text.Encoding.ASCII.GetBytes(prefix + i);
            if ((LuaString.HashOf(candidate) & (StringInterner.Slots - 1)) == slot) second = candidate;
        }
        var a = StringInterner.Intern(first);
        var b = StringInterner.Intern(second);
        Assert.Same(a, StringInterner.Intern(first));
        Assert.Same(b, StringInterner.Intern(second));
        Assert.Same(a, StringInterner.Intern(LuaString.FromBytes(first)));
        // A run-time result with the evicted constant's bytes that took the slot is not made the constant.
        var made = LuaString.Concat(LuaString.FromBytes(first.AsSpan(0, 4)), LuaString.FromBytes(first.AsSpan(4)));
        Assert.True(made.Equals(a));
        Assert.Same(a, StringInterner.Intern(first));
        Assert.Same(b, StringInterner.Intern(second));
        // A table keyed by the first object is found by a site hint holding the re-interned constant.
        var t = new LuaTable();
        t.SetStr(a, LuaValue.FromNumber(7));
        int hint = -1;
        Assert.Equal(7, t.GetStr(StringInterner.Intern(first), ref hint).Number);
        Assert.Equal(0, hint);
    }

    [Fact]
    public void Site_hints_follow_the_table_through_changes()
    {
        var x = StringInterner.Intern("x"u8);
        var y = StringInterner.Intern("yy"u8);
        int hint = 0;
        var t = new LuaTable();
        Assert.True(t.GetStr(x, ref hint).IsNil);
        t.SetStr(y, LuaValue.FromNumber(1));
        t.SetStr(x, LuaValue.FromNumber(2));
        Assert.Equal(2, t.GetStr(x, ref hint).Number);
        Assert.Equal(1, hint);
        Assert.Equal(2, t.GetStr(x, ref hint).Number);
        // another table with the same layout uses the same hint
        var u = new LuaTable();
        u.SetStr(y, LuaValue.FromNumber(3));
        u.SetStr(x, LuaValue.FromNumber(4));
        Assert.Equal(4, u.GetStr(x, ref hint).Number);
        // removal, rehash and equal-but-distinct key objects
        t.SetStr(x, LuaValue.Nil, ref hint);
        Assert.True(t.GetStr(x, ref hint).IsNil);
        for (int i = 0; i < 100; i++) t.SetStr(LuaString.FromLatin1("k" + i), LuaValue.True);
        t.SetStr(x, LuaValue.FromNumber(5), ref hint);
        Assert.Equal(5, t.GetStr(x, ref hint).Number);
        Assert.Equal(5, t.GetStr(LuaString.FromLatin1("x"), ref hint).Number);
        Assert.Equal(5, t.GetStr(x, ref hint).Number);
        t.Clear();
        Assert.True(t.GetStr(x, ref hint).IsNil);
    }

    [Fact]
    public void Site_hint_writes_reset_the_metamethod_cache()
    {
        var mt = new LuaTable();
        Assert.True(LuaTable.GetMetaMethod(mt, MetaEvent.Index).IsNil);
        int hint = 0;
        mt.SetStr(MetaMethodNames.Index, LuaValue.FromNumber(1), ref hint);
        Assert.Equal(1, LuaTable.GetMetaMethod(mt, MetaEvent.Index).Number);
    }
}
