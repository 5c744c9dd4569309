namespace Tidegate.Lua.Tests.Runtime;

/// <summary>Raw table behaviour; borders and errors checked against luajit.</summary>
public class LuaTableTests
{
    private static LuaValue N(double d) => LuaValue.FromNumber(d);

    [Fact]
    public void Sequential_fill_lives_in_the_array_part()
    {
        var t = new LuaTable();
        for (int i = 1; i <= 1000; i++) t.Set(i, N(i * 2));
        Assert.True(t.ArrayPart.Length >= 1000);
        Assert.Equal(1000, t.Length());
        for (int i = 1; i <= 1000; i++) Assert.Equal(i * 2, t.Get(i).Number);
    }

    [Fact]
    public void Reverse_fill_migrates_to_the_array_part()
    {
        var t = new LuaTable();
        for (int i = 1000; i >= 1; i--) t.Set((double)i, N(i));
        Assert.True(t.ArrayPart.Length >= 1000);
        Assert.Equal(1000, t.Length()); // luajit: t={} for i=10,1,-1 do t[i]=i end print(#t) --> 10
        for (int i = 1; i <= 1000; i++) Assert.Equal(i, t.Get(i).Number);
    }

    [Fact]
    public void Shuffled_fill_keeps_every_key_and_ends_mostly_in_the_array()
    {
        var rng = new Random(42);
        int[] keys = Enumerable.Range(1, 5000).OrderBy(_ => rng.Next()).ToArray();
        var t = new LuaTable();
        foreach (int k in keys) t.Set(N(k), N(-k));
        Assert.Equal(5000, t.Length());
        foreach (int k in keys) Assert.Equal(-k, t.Get(k).Number);
        Assert.True(t.ArrayPart.Length >= 4096);
    }

    /// <summary>
    /// LuaJIT's '#' on tables with holes, each printed by luajit; constructors are laid out by
    /// <see cref="TableConstructorLayout"/> as the compiler would.
    /// </summary>
    [Theory]
    [InlineData("t={} t[2]=2", 2)]
    [InlineData("t={} t[1]=1 t[3]=3", 1)]
    [InlineData("t={1,2,3,4,5} t[3]=nil", 5)]
    [InlineData("t={1,2,3,4,5} t[5]=nil t[4]=nil", 3)]
    [InlineData("t={} for i=1,8 t[i]=i; t[8]=nil t[4]=nil", 3)]
    [InlineData("t={} for i=1,16 t[i]=i; t[9]=nil", 16)]
    [InlineData("t={n=1} t[1]=1 t[2]=2 t[4]=4", 2)]
    [InlineData("t={1,nil,3}", 1)]
    [InlineData("t={1,nil,3,4}", 4)]
    [InlineData("t={1,2,3,nil,5}", 3)]
    [InlineData("t={10,20,30,nil,50}", 3)]
    [InlineData("t={1,2,3,4,5,6,7,nil,9}", 7)]
    [InlineData("t={nil,2}", 2)]
    [InlineData("t={nil,nil,3}", 3)]
    [InlineData("t={a,nil,a}", 3)]
    [InlineData("t={a,2,a,nil,a}", 5)]
    [InlineData("t={} t[1]=1 t[2]=nil t[3]=3", 1)]
    [InlineData("t={1,2,3} t[1]=nil", 3)]
    [InlineData("t={} t[4]=4 t[3]=3 t[2]=2", 4)]
    [InlineData("t={} for i=1,10 t[i]=i; t[5]=nil", 10)]
    [InlineData("t={} for i=10,1,-1 t[i]=i", 10)]
    [InlineData("t={1,2,3} t[5]=5", 3)]
    [InlineData("t={1,nil,3,x=1}", 1)]
    [InlineData("t={nil,2,nil,4}", 4)]
    [InlineData("t={1,nil}", 1)]
    [InlineData("t={a,nil,a,a}", 4)]
    [InlineData("t={x=1,nil,3}", 2)]
    [InlineData("t={nil}", 0)]
    [InlineData("t={nil,nil}", 0)]
    public void Borders_match_luajit(string script, int expected) => Assert.Equal(expected, Build(script).Length());

    /// <summary>Builds the table a tiny script describes, the way LuaJIT's parser and VM would.</summary>
    private static LuaTable Build(string script)
    {
        LuaTable t = null!;
        foreach (var stmt in script.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => x.TrimEnd(';')))
        {
            if (stmt.StartsWith("t={"))
            {
                // As the compiler does: lay out at compile time, preallocate, then store in order.
                var items = stmt[3..^1].Split(',', StringSplitOptions.RemoveEmptyEntries);
                var fields = items.Select(x => x.Contains('=')
                    ? new ConstructorField(false, LuaString.FromLatin1(x.Split('=')[0]), true, N(1))
                    : new ConstructorField(true, LuaValue.Nil, x != "a", x == "nil" ? LuaValue.Nil : N(1))).ToArray();
                var (arraySize, hashSize) = TableConstructorLayout.Compute(fields);
                t = new LuaTable(arraySize, hashSize);
                int index = 1;
                foreach (var x in items)
                {
                    if (x.Contains('=')) t.Set(x.Split('=')[0], N(1));
                    else { if (x != "nil") t.Set(index, N(index)); index++; }
                }
            }
            else if (stmt.StartsWith("for"))
                continue;
            else if (stmt.StartsWith("i="))
            {
                var r = stmt[2..].Split(',').Select(int.Parse).ToArray();
                int step = r.Length > 2 ? r[2] : 1;
                for (int i = r[0]; step > 0 ? i <= r[1] : i >= r[1]; i += step) t.Set(i, N(i));
            }
            else if (stmt.StartsWith("t[i]")) continue;
            else
            {
                int close = stmt.IndexOf(']');
                int k = int.Parse(stmt[2..close]);
                string v = stmt[(close + 2)..];
                t.Set(k, v == "nil" ? LuaValue.Nil : N(k));
            }
        }
        return t;
    }

    [Fact]
    public void Length_continues_into_the_hash_part()
    {
        var t = new LuaTable(2, 8);
        t.Set(N(1), N(1));
        t.Set(N(2), N(2));
        t.Set("x", N(0));
        for (int i = 3; i <= 7; i++) t.Set(N(i), N(i));
        int n = t.Length();
        Assert.Equal(7, n);
        Assert.True(t.Get(n + 1).IsNil);
    }

    [Fact]
    public void Length_is_always_a_border()
    {
        var rng = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            var t = new LuaTable();
            for (int j = 0; j < 50; j++)
            {
                int k = rng.Next(1, 40);
                t.Set(N(k), rng.Next(4) == 0 ? LuaValue.Nil : N(k));
            }
            int n = t.Length();
            Assert.True(n == 0 || !t.Get(n).IsNil);
            Assert.True(t.Get(n + 1).IsNil);
        }
    }

    [Fact]
    public void Next_survives_clearing_fields_during_traversal()
    {
        var t = new LuaTable();
        for (int i = 1; i <= 20; i++) t.Set(i, N(i));
        for (int i = 0; i < 50; i++) t.Set("k" + i, N(i));
        t.Set(N(0.5), N(1));
        int seen = 0;
        var key = LuaValue.Nil;
        while (t.Next(ref key, out _))
        {
            seen++;
            t.Set(key, LuaValue.Nil); // luajit: for k in pairs(t) do t[k]=nil end print(next(t)) --> nil
        }
        Assert.Equal(71, seen);
        key = LuaValue.Nil;
        Assert.False(t.Next(ref key, out _));
    }

    [Fact]
    public void NextAt_visits_each_entry_once()
    {
        var t = new LuaTable();
        for (int i = 1; i <= 10; i++) t.Set(i, N(i));
        t.Set("a", N(1)); t.Set(N(-3), N(2)); t.Set(true, N(3));
        var keys = new List<LuaValue>();
        for (int c = t.NextAt(0, out var k, out _); c >= 0; c = t.NextAt(c, out k, out _)) keys.Add(k);
        Assert.Equal(13, keys.Count);
        Assert.Equal(13, keys.Distinct().Count());
    }

    [Fact]
    public void Next_with_a_foreign_key_is_an_error()
    {
        var t = new LuaTable();
        t.Set("a", N(1));
        var key = (LuaValue)(LuaString)"x";
        var e = Assert.Throws<LuaException>(() => t.Next(ref key, out _));
        Assert.Equal("invalid key to 'next'", e.Message);
    }

    [Fact]
    public void Nil_and_NaN_keys_are_errors_and_reads_are_nil()
    {
        var t = new LuaTable();
        Assert.Equal("table index is nil", Assert.Throws<LuaException>(() => t.Set(LuaValue.Nil, N(1))).Message);
        Assert.Equal("table index is NaN", Assert.Throws<LuaException>(() => t.Set(N(double.NaN), N(1))).Message);
        Assert.True(t.Get(LuaValue.Nil).IsNil);
        Assert.True(t.Get(N(double.NaN)).IsNil);
    }

    [Fact]
    public void Negative_zero_is_the_same_key_as_zero()
    {
        var t = new LuaTable();
        t.Set(N(-0.0), N(7));
        Assert.Equal(7, t.Get(N(0)).Number);
        t.Set(N(0), N(8));
        Assert.Equal(8, t.Get(-0.0).Number);
        var key = LuaValue.Nil;
        Assert.True(t.Next(ref key, out _));
        Assert.False(double.IsNegative(key.Number));
        Assert.False(t.Next(ref key, out _));
    }

    [Theory]
    [InlineData(9007199254740992.0)]   // 2^53
    [InlineData(9007199254740994.0)]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    [InlineData(2147483648.0)]         // just past int
    [InlineData(2147483647.0)]
    [InlineData(-2147483648.0)]
    [InlineData(0.5)]
    [InlineData(double.PositiveInfinity)]
    public void Hostile_number_keys_round_trip(double k)
    {
        var t = new LuaTable();
        for (int i = 1; i <= 8; i++) t.Set(i, N(i));
        t.Set(N(k + 1), N(2));             // for 2^53, 1e300 and inf this is the same key...
        t.Set(N(k), N(1));                 // ...so set k last
        Assert.Equal(1, t.Get(N(k)).Number);
        Assert.Equal(8, t.Length());
    }

    [Fact]
    public void Huge_sparse_integer_keys_do_not_build_huge_arrays()
    {
        var t = new LuaTable();
        t.Set(N(1), N(1));
        t.Set(N(1 << 30), N(2));
        t.Set(N(int.MaxValue), N(3));
        for (int i = 0; i < 100; i++) t.Set(N(1_000_000 + i * 1000), N(i));
        Assert.True(t.ArrayPart.Length < 1000);
        Assert.Equal(3, t.Get(N(int.MaxValue)).Number);
        Assert.Equal(1, t.Length());
    }

    [Fact]
    public void String_keys_compare_by_content()
    {
        var t = new LuaTable();
        t.Set(LuaString.FromLatin1("name"), N(1));
        Assert.Equal(1, t.GetStr(LuaString.FromLatin1("name")).Number);
        Assert.True(t.TryGetStr(LuaString.FromLatin1("name"), out var v) && v.Number == 1);
        Assert.False(t.TryGetStr(LuaString.FromLatin1("nam"), out _));
        var bytes = new LuaString(new byte[] { 0, 255, 10 });
        t.Set(bytes, N(2));
        Assert.Equal(2, t.Get((LuaValue)new LuaString(new byte[] { 0, 255, 10 })).Number);
    }

    [Fact]
    public void Churn_of_new_keys_keeps_working()
    {
        var t = new LuaTable();
        for (int i = 0; i < 100_000; i++)
        {
            var k = (LuaValue)LuaString.FromLatin1("k" + i);
            t.Set(k, N(i));
            if (i >= 10) t.Set((LuaValue)LuaString.FromLatin1("k" + (i - 10)), LuaValue.Nil);
        }
        int live = 0;
        var key = LuaValue.Nil;
        while (t.Next(ref key, out _)) live++;
        Assert.Equal(10, live);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Churn_keeps_exactly_the_live_keys(int live)
    {
        var t = new LuaTable();
        for (int i = 0; i < 20_000; i++)
        {
            t.Set(N(i + 0.5), N(i));
            if (i >= live) t.Set(N(i - live + 0.5), LuaValue.Nil);
        }
        var seen = new List<double>();
        var key = LuaValue.Nil;
        while (t.Next(ref key, out var v))
        {
            Assert.Equal(key.Number - 0.5, v.Number);
            seen.Add(key.Number);
        }
        Assert.Equal(live, seen.Count);
        Assert.Equal(Enumerable.Range(20_000 - live, live).Select(i => i + 0.5), seen.OrderBy(x => x));
        for (int i = 0; i < 20_000 - live; i++) Assert.True(t.Get(N(i + 0.5)).IsNil);
    }

    [Fact]
    public void Object_and_boolean_keys_are_by_identity()
    {
        var t = new LuaTable();
        var a = new LuaTable();
        var b = new LuaTable();
        t.Set(a, N(1));
        t.Set(true, N(2));
        t.Set(false, N(3));
        Assert.Equal(1, t.Get(a).Number);
        Assert.True(t.Get(b).IsNil);
        Assert.Equal(2, t.Get(true).Number);
        Assert.Equal(3, t.Get(false).Number);
    }

    [Fact]
    public void Metamethod_miss_cache_is_reset_by_writes()
    {
        var mt = new LuaTable();
        Assert.True(LuaTable.GetMetaMethod(mt, MetaEvent.Index).IsNil);
        Assert.True(LuaTable.HasNoMeta(mt, MetaEvent.Index));
        mt.Set("__index", N(1));
        Assert.False(LuaTable.HasNoMeta(mt, MetaEvent.Index));
        Assert.Equal(1, LuaTable.GetMetaMethod(mt, MetaEvent.Index).Number);
        Assert.True(LuaTable.HasNoMeta(null, MetaEvent.Index));
    }

    [Fact]
    public void Clear_empties_and_keeps_working()
    {
        var t = new LuaTable();
        for (int i = 1; i <= 10; i++) t.Set(i, N(i));
        t.Set("a", N(1));
        t.Clear();
        Assert.Equal(0, t.Length());
        var key = LuaValue.Nil;
        Assert.False(t.Next(ref key, out _));
        t.Set(1, N(5));
        t.Set("a", N(6));
        Assert.Equal(5, t.Get(1).Number);
        Assert.Equal(6, t.Get((LuaValue)(LuaString)"a").Number);
    }
}

/// <summary>Weak tables across a full collection; expectations as luajit prints them.</summary>
public class WeakTableTests
{
    private static LuaTable Weak(string mode)
    {
        var mt = new LuaTable();
        mt.Set("__mode", LuaString.FromLatin1(mode));
        return new LuaTable { Metatable = mt };
    }

    private static int Count(LuaTable t)
    {
        int n = 0;
        var k = LuaValue.Nil;
        while (t.Next(ref k, out _)) n++;
        return n;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddGarbageKeys(LuaTable t, int n)
    {
        for (int i = 0; i < n; i++) t.Set(new LuaTable(), LuaValue.FromNumber(i));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddGarbageValues(LuaTable t, int n)
    {
        for (int i = 1; i <= n; i++) t.Set(i, new LuaTable());
    }

    [Fact]
    public void Weak_keys_are_cleared_and_live_keys_stay()
    {
        // luajit: local t = setmetatable({}, {__mode="k"}) t[{}] = 1 t[keep] = 2 t.s = 3 collectgarbage() --> keep and s remain
        var t = Weak("k");
        var keep = new LuaTable();
        AddGarbageKeys(t, 100);
        t.Set(keep, LuaValue.FromNumber(2));
        t.Set("s", LuaValue.FromNumber(3));
        WeakTables.FullCollect();
        Assert.Equal(2, Count(t));
        Assert.Equal(2, t.Get(keep).Number);
        GC.KeepAlive(keep);
    }

    [Fact]
    public void Weak_values_are_cleared()
    {
        var t = Weak("v");
        var keep = new LuaTable();
        AddGarbageValues(t, 50);
        t.Set("x", keep);
        t.Set("n", LuaValue.FromNumber(1));
        t.Set(LuaString.FromLatin1("str"), LuaString.FromLatin1("strings are values"));
        WeakTables.FullCollect();
        Assert.Equal(3, Count(t));
        Assert.Same(keep, t.Get((LuaValue)LuaString.FromLatin1("x")).AsTable);
        GC.KeepAlive(keep);
    }

    [Fact]
    public void Weak_keys_are_ephemerons()
    {
        // A value that refers to its own key does not keep the entry alive.
        var t = Weak("k");
        AddSelfReferencing(t);
        WeakTables.FullCollect();
        Assert.Equal(0, Count(t));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddSelfReferencing(LuaTable t)
    {
        var key = new LuaTable();
        var value = new LuaTable();
        value.Set("back", key);
        t.Set(key, value);
    }

    [Fact]
    public void Strong_tables_are_untouched()
    {
        var t = new LuaTable();
        AddGarbageKeys(t, 10);
        WeakTables.FullCollect();
        Assert.Equal(10, Count(t));
    }
}

public class LuaTableLimitTests
{
    [Fact]
    public void Preallocation_beyond_luajits_limits_is_table_overflow()
    {
        // luajit: pcall(table.new, 2^27+2, 0) --> false table overflow; (0, 2^27) likewise
        Assert.Equal("table overflow", Assert.Throws<LuaException>(() => new LuaTable((1 << 27) + 2, 0)).Message);
        Assert.Equal("table overflow", Assert.Throws<LuaException>(() => new LuaTable(0, 1 << 27)).Message);
        Assert.Equal(0, new LuaTable(100, 100).Length());
    }
}
