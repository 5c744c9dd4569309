namespace Tidegate.Lua.Tests.Runtime;

public class StringKeyCacheTests
{
    [Fact]
    public void Interned_constants_are_shared_and_long_ones_are_not_cached()
    {
        var a = StringInterner.Intern("field"u8);
        var b = StringInterner.Intern(LuaString.FromLatin1("field"));
        Assert.Same(a, b);
        // The interner is a direct-mapped cache: a colliding string interned elsewhere (other tests run in
        // parallel, and the hash seed changes per process) may have replaced "__index", so only equality holds.
        Assert.Equal(MetaMethodNames.Index, StringInterner.Intern("__index"u8));
        var longBytes = new byte[100];
        Assert.Equal(100, StringInterner.Intern(longBytes).Length);
        Assert.Same(LuaString.Empty, StringInterner.Intern(ReadOnlySpan<byte>.Empty));
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
