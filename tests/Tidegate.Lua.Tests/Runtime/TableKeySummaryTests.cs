namespace Tidegate.Lua.Tests.Runtime;

/// <summary>
/// <see cref="LuaTable.MayHaveKey"/>, the key summary that lets <c>obj:m()</c> skip the probe of the object: it must
/// never call a key absent while a node holds it (whatever the stores, removals, dead-node reuses and rehashes in
/// between), it must actually rule out most absent keys of a small table, and it must not make tables larger.
/// </summary>
public class TableKeySummaryTests
{
    private static LuaString Key(string s) => LuaString.FromUtf8(s);

    [Fact]
    public void EveryPresentKeyMayBePresentThroughStoresRemovalsAndRehashes()
    {
        var t = new LuaTable();
        var random = new Random(7);
        var present = new HashSet<string>();
        for (int step = 0; step < 20_000; step++)
        {
            string name = "k" + random.Next(300);
            if (random.Next(3) == 0) { t.Set(Key(name), LuaValue.Nil); present.Remove(name); }
            else { t.Set(Key(name), LuaValue.FromNumber(step)); present.Add(name); }
            if (step % 997 == 0)
                foreach (var p in present)
                    Assert.True(t.MayHaveKey(Key(p)), $"step {step}: {p} is present");
        }
        foreach (var p in present) Assert.True(t.MayHaveKey(Key(p)));
    }

    [Fact]
    public void ClearForgetsTheKeysAndStoresAfterwardsAreSeen()
    {
        var t = new LuaTable();
        for (int i = 0; i < 8; i++) t.Set(Key("f" + i), LuaValue.True);
        t.Clear();
        Assert.True(t.GetStr(Key("f3")).IsNil);
        t.Set(Key("m"), LuaValue.True);
        Assert.True(t.MayHaveKey(Key("m")));
        Assert.False(t.GetStr(Key("m")).IsNil);
    }

    [Fact]
    public void ASmallObjectRulesOutMostAbsentNames()
    {
        var t = new LuaTable();
        foreach (var f in new[] { "scheduler", "id", "priority", "queue", "held", "suspended", "run", "link" })
            t.Set(Key(f), LuaValue.True);
        int ruledOut = 0;
        for (int i = 0; i < 1000; i++)
            if (!t.MayHaveKey(Key("method" + i))) ruledOut++;
        // 8 of 32 bits set at most: about 3 in 4 absent names are ruled out (the hash seed varies per process).
        Assert.InRange(ruledOut, 600, 1000);
    }

    [Fact]
    public void ATableStaysEightyBytes()
    {
        const int count = 10_000;
        var keep = new LuaTable[count];
        keep[0] = new LuaTable();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++) keep[i] = new LuaTable();
        long perTable = (GC.GetAllocatedBytesForCurrentThread() - before) / count;
        GC.KeepAlive(keep);
        Assert.True(perTable <= 80, $"a table takes {perTable} bytes");
    }
}
