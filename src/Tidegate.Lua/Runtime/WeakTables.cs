namespace Tidegate.Lua.Runtime;

/// <summary>
/// Weak tables (<c>__mode</c> "k", "v" or "kv") on top of the .NET collector.
///
/// <para>A table holds its entries strongly; what makes it weak is <see cref="FullCollect"/>: just before a
/// full .NET collection it takes every weakly held entry out of every weak table, keeping only weak
/// handles to it, and after the collection it puts back the entries whose objects survived. An entry
/// with a weak key is held by a <see cref="DependentHandle"/> (an ephemeron: the value lives as long as
/// the key does, and does not keep the key alive), as Lua's weak-keyed tables behave. Strings, numbers and
/// booleans are values, never collected, so entries made of them stay, as in Lua.</para>
///
/// <para>A table is weak if its metatable has <c>__mode</c> when the metatable is set (tables register
/// themselves then). Registration is per OS thread, like the states that own the tables, so a collection
/// never touches another worker's tables.</para>
/// </summary>
public static class WeakTables
{
    [ThreadStatic] private static List<WeakReference<LuaTable>>? _registered;
    [ThreadStatic] private static int _pruneAt;

    /// <summary>Notes a table whose metatable has __mode; called once per table by <see cref="LuaTable.Metatable"/>.</summary>
    internal static void Register(LuaTable table)
    {
        var list = _registered ??= new List<WeakReference<LuaTable>>();
        // A server may make a weak table per request and never call collectgarbage: drop the entries of
        // collected tables whenever the list has doubled since the last pruning, so it stays bounded.
        if (list.Count >= Math.Max(64, _pruneAt))
        {
            list.RemoveAll(w => !w.TryGetTarget(out _));
            _pruneAt = list.Count * 2;
        }
        list.Add(new WeakReference<LuaTable>(table));
    }

    /// <summary>Reads __mode as Lua 5.1 does: any 'k' makes keys weak, any 'v' values.</summary>
    internal static (bool Keys, bool Values) ModeOf(LuaTable? metatable)
    {
        if (metatable?.GetStr(MetaMethodNames.Mode).Ref is not LuaString mode) return (false, false);
        return (mode.Span.IndexOf((byte)'k') >= 0, mode.Span.IndexOf((byte)'v') >= 0);
    }

    /// <summary>
    /// collectgarbage("collect") with weak tables honoured: detaches weak entries, runs a full blocking
    /// .NET collection (with finalizers), and restores the entries whose objects are still alive.
    /// <paramref name="running"/>, when given, is the thread calling; its stack slots above Top are free
    /// by the calling convention and are cleared first, so stale temporaries do not keep objects alive.
    /// </summary>
    public static void FullCollect(LuaThread? running = null)
    {
        if (running is not null && running.Top < running.Stack.Length)
            Array.Clear(running.Stack, running.Top, running.Stack.Length - running.Top);

        var detached = new List<(LuaTable Table, List<LuaTable.DetachedEntry> Entries)>();
        var list = _registered;
        if (list is not null)
        {
            list.RemoveAll(w => !w.TryGetTarget(out _));
            foreach (var w in list)
            {
                if (!w.TryGetTarget(out var table)) continue;
                var (keys, values) = ModeOf(table.Metatable);
                if (!keys && !values) continue;
                var entries = table.DetachWeakEntries(keys, values);
                if (entries.Count > 0) detached.Add((table, entries));
            }
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);

        foreach (var (table, entries) in detached)
            foreach (var entry in entries)
                entry.Restore(table);
    }
}
