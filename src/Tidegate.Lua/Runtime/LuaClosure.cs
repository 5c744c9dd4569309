namespace Tidegate.Lua.Runtime;

/// <summary>
/// A compiled Lua function. Each prototype compiles to one sealed subclass whose <see cref="LuaFunction.Invoke"/>
/// is the function's code and whose fields hold its upvalue cells, so a Lua call is one virtual call.
/// </summary>
public abstract class LuaClosure : LuaFunction
{
    public FunctionProto Proto { get; }

    /// <summary>The environment table globals resolve through (getfenv/setfenv).</summary>
    public LuaTable Environment;

    protected LuaClosure(FunctionProto proto, LuaTable environment)
    {
        Proto = proto;
        Environment = environment;
    }

    public override string? Name => Proto.Name;

    /// <summary>The upvalue cells in declaration order (debug.getupvalue/setupvalue).</summary>
    public abstract UpvalueCell[] GetUpvalueCells();

    /// <summary>
    /// string.dump's "binary chunk" (see <see cref="BinaryChunk"/>), which <see cref="LuaState.Load"/>
    /// accepts; <paramref name="strip"/> drops the debug information as LuaJIT does.
    /// </summary>
    public byte[] Dump(bool strip = false) => BinaryChunk.Write(this, strip);
}
