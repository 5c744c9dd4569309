using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Emit;

/// <summary>
/// A concatenation chain a .. b .. c that needs __concat, done as Lua 5.1's luaV_concat does (from the
/// right: join the longest run of strings/numbers, or apply __concat to the top two) but resumably: when
/// a __concat handler yields, the remaining work is kept in a <see cref="SuspendedFrame"/> and continues
/// when the coroutine is resumed, so yields inside __concat work in chains too.
/// </summary>
internal sealed class ConcatChain : SuspendedFrame
{
    private readonly LuaValue[] _work;
    private readonly string?[] _names;
    private int _top;
    private int _argBase;

    private ConcatChain(LuaValue[] work, string?[] names, int top)
    {
        _work = work;
        _names = names;
        _top = top;
    }

    /// <summary>Runs the chain; on a yield, leaves its frame and flags the compiled caller (result unused then).</summary>
    public static LuaValue Run(LuaThread t, ReadOnlySpan<LuaValue> values, string?[] names)
    {
        var chain = new ConcatChain(values.ToArray(), names, values.Length - 1);
        return chain.Continue(t) ? chain._work[0] : default;
    }

    /// <summary>Works until done (true) or until a handler yielded (false, frame left on the coroutine).</summary>
    private bool Continue(LuaThread t)
    {
        var work = _work;
        while (_top > 0)
        {
            int top = _top;
            if (IsPlain(work[top - 1]) && IsPlain(work[top]))
            {
                int start = top - 1;
                while (start > 0 && IsPlain(work[start - 1])) start--;
                work[start] = LuaOps.ConcatMany(t, work.AsSpan(start, top - start + 1));
                _top = start;
                continue;
            }
            t.AllowYieldInNextCall = true;
            try
            {
                work[top - 1] = LuaOps.Concat(t, work[top - 1], work[top], Name(top - 1), Name(top));
            }
            catch (MetaCallYield y)
            {
                _argBase = y.ArgBase;
                t.SuspendedFrames.Add(this);
                t.MetaYieldPending = true;
                return false;
            }
            finally
            {
                t.AllowYieldInNextCall = false;
            }
            _top = top - 1;
        }
        return true;
    }

    public override int Resume(LuaThread thread)
    {
        int n = thread.ResumeSuspended();
        if (n < 0) n = thread.FinishTailCalls(_argBase, n);
        if (n == CallStatus.Yield)
        {
            thread.SuspendedFrames.Add(this);
            return CallStatus.Yield;
        }
        _work[_top - 1] = n > 0 ? thread.Stack[_argBase] : default;
        _top--;
        thread.Top = _argBase; // further handlers take their arguments where the first one did, above the frame

        if (!Continue(thread))
        {
            // Yielded again: the compiled caller is not running now, so the frame just passes Yield on.
            thread.MetaYieldPending = false;
            return CallStatus.Yield;
        }
        thread.MetaResult = _work[0];
        return 1;
    }

    private string? Name(int i) => i < _names.Length ? _names[i] : null;

    private static bool IsPlain(in LuaValue v) => v.Ref is LuaString || v.IsNumber;
}
