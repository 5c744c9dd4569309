namespace Tidegate.Lua.Runtime;

/// <summary>
/// How a metamethod called from compiled code yields. LuaOps calls metamethods with
/// <see cref="LuaThread.Call"/>; when compiled code's slow path allowed it, a yield inside that call
/// unwinds the LuaOps frames with this exception (the metamethod call is always the last thing the
/// operation does, so nothing is lost) and the slow path leaves a <see cref="MetaResultFrame"/> that,
/// on resume, turns the metamethod's results into the operation's result.
/// </summary>
internal sealed class MetaCallYield : Exception
{
    public readonly int ArgBase;
    public readonly LuaFunction Function;

    public MetaCallYield(int argBase, LuaFunction function) : base("metamethod yielded")
    {
        ArgBase = argBase;
        Function = function;
    }
}

/// <summary>What an operation makes of its metamethod's first result.</summary>
public enum MetaResultKind { Value, Truth, NegatedTruth, Discard }

/// <summary>The saved state of an operation whose metamethod yielded.</summary>
internal sealed class MetaResultFrame : SuspendedFrame
{
    private readonly MetaResultKind _kind;
    private readonly int _argBase;

    public MetaResultFrame(MetaResultKind kind, int argBase)
    {
        _kind = kind;
        _argBase = argBase;
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
        var first = n > 0 ? thread.Stack[_argBase] : default;
        thread.MetaResult = _kind switch
        {
            MetaResultKind.Truth => LuaValue.FromBoolean(first.IsTruthy),
            MetaResultKind.NegatedTruth => LuaValue.FromBoolean(!first.IsTruthy),
            MetaResultKind.Discard => default,
            _ => first,
        };
        return 1;
    }
}
