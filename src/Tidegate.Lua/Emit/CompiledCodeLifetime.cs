namespace Tidegate.Lua.Emit;

/// <summary>
/// How long a compiled chunk's code lives, which also decides how the .NET runtime compiles it to machine code.
/// </summary>
public enum CompiledCodeLifetime
{
    /// <summary>
    /// A collectible dynamic assembly (AssemblyBuilderAccess.RunAndCollect): freed once no closure of the chunk is
    /// reachable. The runtime never tiers such methods: each is compiled fully optimised at its first call, on the
    /// thread that calls it, and gets no profile-guided optimisation. For code that can be created without bound:
    /// load/loadstring of strings made at run time, string.dump round trips, anything a request can trigger.
    /// </summary>
    Collectible,

    /// <summary>
    /// A non-collectible dynamic assembly (AssemblyBuilderAccess.Run): never freed, but tiered like the runtime's
    /// own code (quick code at the first call, then the hot methods recompiled with profile-guided optimisation on
    /// the runtime's background thread). Methods the emitter marks loop-heavy opt out (see
    /// FunctionCompiler.Tiering.cs). Only for code loaded a bounded number of times: the CLI's script and -e
    /// strings, files run by require/dofile/loadfile, the server's configuration code (loaded again at each
    /// reload, so bounded by the number of reloads).
    /// </summary>
    Permanent,
}
