namespace Tidegate.Lua.Runtime;

/// <summary>The body of a .NET function callable from Lua; see <see cref="LuaCall"/>.</summary>
public delegate int HostFunctionBody(LuaCall call);

/// <summary>
/// A .NET function callable from Lua (the library functions and anything an embedder registers).
/// Its body reads arguments and writes results through <see cref="LuaCall"/>.
/// <para>Not sealed for the few library functions whose every call is on a hot path (the coroutine
/// library's resume, yield and wrap): they override <see cref="Invoke"/> to skip the delegate and the
/// <see cref="LuaCall"/> passed by value, and fall back to the body for their error cases.</para>
/// </summary>
public class HostFunction : LuaFunction
{
    private readonly HostFunctionBody _body;
    private readonly string _name;

    public HostFunction(string name, HostFunctionBody body)
    {
        _name = name;
        _body = body;
    }

    public override string Name => _name;

    /// <summary>The math function this is, for compiled number loops that compute it inline; None for the rest.</summary>
    public NumberIntrinsic Intrinsic { get; init; }

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        thread.Top = argBase + argCount;
        int frames = thread.FrameCount;
        try
        {
            return _body(new LuaCall(thread, argBase, argCount, this));
        }
        catch (Exception e) when (thread.RecordRaisingHostFunction(this, frames, e))
        {
            throw; // never reached: the filter only records
        }
    }
}
