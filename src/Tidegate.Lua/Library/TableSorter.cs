using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// table.sort: LuaJIT's quicksort (lib_table.c's auxsort, from Lua 5.1), step for step, so that the
/// comparisons made, the final order under a non-strict comparator, and the point where
/// "invalid order function for sorting" is raised all match LuaJIT. Reads and writes are raw.
/// Recursion goes into the smaller half only, so depth stays logarithmic.
/// </summary>
internal readonly struct TableSorter
{
    private readonly LuaThread _thread;
    private readonly LuaTable _table;
    private readonly LuaValue _comparator; // nil: the < operator

    public TableSorter(LuaThread thread, LuaTable table, LuaValue comparator)
    {
        _thread = thread;
        _table = table;
        _comparator = comparator;
    }

    private bool Less(in LuaValue a, in LuaValue b) =>
        _comparator.IsNil ? LuaOps.LessThan(_thread, a, b) : _thread.Call1(_comparator, a, b).IsTruthy;

    private LuaValue Get(int i) => _table.Get(i);

    private void Set(int i, in LuaValue v) => _table.Set(i, v);

    public void Sort(int l, int u)
    {
        while (l < u)
        {
            // Order a[l], a[(l+u)/2], a[u].
            var al = Get(l);
            var au = Get(u);
            if (Less(au, al))
            {
                Set(l, au);
                Set(u, al);
            }
            if (u - l == 1) break;
            int i = (int)(((long)l + u) / 2);
            var ai = Get(i);
            al = Get(l);
            if (Less(ai, al))
            {
                Set(i, al);
                Set(l, ai);
            }
            else
            {
                au = Get(u);
                if (Less(au, ai))
                {
                    Set(i, au);
                    Set(u, ai);
                }
            }
            if (u - l == 2) break;

            var pivot = Get(i);
            // Move the pivot to u-1: a[l] <= P == a[u-1] <= a[u]; partition l+1..u-2.
            Set(i, Get(u - 1));
            Set(u - 1, pivot);
            i = l;
            int j = u - 1;
            while (true)
            {
                // Advance i until a[i] >= P.
                LuaValue a, b;
                while (Less(a = Get(++i), pivot))
                {
                    if (i >= u) throw _thread.RuntimeError("invalid order function for sorting");
                }
                // Retreat j until a[j] <= P.
                while (Less(pivot, b = Get(--j)))
                {
                    if (j <= l) throw _thread.RuntimeError("invalid order function for sorting");
                }
                if (j < i) break;
                Set(i, b);
                Set(j, a);
            }
            // Put the pivot (at u-1) in its final place i.
            var atUm1 = Get(u - 1);
            var atI = Get(i);
            Set(u - 1, atI);
            Set(i, atUm1);

            // Recurse into the smaller part, loop on the larger.
            if (i - l < u - i)
            {
                j = l;
                i = i - 1;
                l = i + 2;
            }
            else
            {
                j = i + 1;
                i = u;
                u = j - 2;
            }
            Sort(j, i);
        }
    }
}
