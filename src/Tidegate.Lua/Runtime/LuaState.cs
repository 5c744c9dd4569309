namespace Tidegate.Lua.Runtime;

/// <summary>
/// One Lua universe: globals, the registry, per-type metatables and the main thread.
/// Not thread-safe: one state belongs to one OS thread at a time (one per worker, as in nginx).
/// </summary>
public sealed partial class LuaState
{
    public LuaTable Globals { get; } = new();
    public LuaTable Registry { get; } = new();
    public LuaThread MainThread { get; }

    /// <summary>Metatables shared by all values of a type (strings, and whatever debug.setmetatable sets).</summary>
    public LuaTable? StringMetatable;

    /// <summary>Recent short concatenations of two strings (<see cref="ConcatPairCache"/>), made at the first one.</summary>
    internal ConcatPairCache? ConcatPairs;
    public LuaTable? NumberMetatable;
    public LuaTable? BooleanMetatable;
    public LuaTable? NilMetatable;
    public LuaTable? FunctionMetatable;
    public LuaTable? ThreadMetatable;

    /// <summary>Byte streams for print and io; an embedder may redirect them.</summary>
    public Stream StandardOutput { get; set; } = Console.OpenStandardOutput();
    public Stream StandardError { get; set; } = Console.OpenStandardError();
    public Stream StandardInput { get; set; } = Console.OpenStandardInput();

    /// <summary>
    /// What os.getenv sees; null means the process environment. An embedder that gives its code
    /// a narrower view (nginx's workers see only TZ and the variables named by "env") sets it.
    /// </summary>
    public Func<string, string?>? EnvironmentLookup { get; set; }

    public LuaState()
    {
        MainThread = new LuaThread(this);
    }

    /// <summary>The metatable of any value: its own for tables and userdata, the per-type one otherwise.</summary>
    public LuaTable? GetMetatable(in LuaValue v) => v.Ref switch
    {
        LuaTable t => t.Metatable,
        LuaString => StringMetatable,
        LuaUserdata u => u.Metatable,
        null => NilMetatable,
        LuaFunction => FunctionMetatable,
        LuaThread => ThreadMetatable,
        _ when BooleanTag.Is(v.Ref) => BooleanMetatable,
        _ => v.IsNumber ? NumberMetatable : null,
    };
}
