using System.Reflection;
using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Emit;

/// <summary>
/// Compiles a chunk: parse → bind → one dynamic assembly holding one sealed <see cref="LuaClosure"/> subclass per
/// function prototype. By default the assembly is collectible: freed when no closure of it is reachable any more
/// (AssemblyBuilderAccess.RunAndCollect), so reloaded code does not leak. Code loaded a bounded number of times may
/// ask for <see cref="CompiledCodeLifetime.Permanent"/>, which the runtime tiers (see there).
/// </summary>
public static class ChunkCompiler
{
    private static int _chunkCounter;
    private static int _permanentChunks;

    /// <summary>
    /// The most chunks compiled permanent in this process; later requests for permanent code get collectible code.
    /// Permanent code is never freed, so this bounds what a program that loads files in a loop (dofile in a request
    /// handler, a module unloaded and required again) can leak.
    /// </summary>
    public const int MaxPermanentChunks = 1000;

    /// <summary>
    /// False when the environment variable TIDEGATE_LUA_PERMANENT_CODE is "0": every chunk is then collectible and
    /// never tiered, as before permanent code existed (for A/B measurements, or a program that tiering slows down).
    /// </summary>
    public static readonly bool PermanentCodeEnabled = Environment.GetEnvironmentVariable("TIDEGATE_LUA_PERMANENT_CODE") != "0";

    /// <summary>How many chunks this process compiled permanent (see <see cref="MaxPermanentChunks"/>).</summary>
    public static int PermanentChunkCount => Volatile.Read(ref _permanentChunks);

    private static bool TakePermanentChunk()
    {
        while (true)
        {
            int n = Volatile.Read(ref _permanentChunks);
            if (n >= MaxPermanentChunks) return false;
            if (Interlocked.CompareExchange(ref _permanentChunks, n + 1, n) == n) return true;
        }
    }

    /// <param name="hookChecks">compile debug-hook checks into the code (see LuaState.CompileHookChecks)</param>
    /// <param name="localAccess">keep locals in stack slots for debug.getlocal/setlocal (see LuaState.CompileLocalAccess)</param>
    /// <param name="lifetime">collectible (the default) or permanent and tiered: see <see cref="CompiledCodeLifetime"/></param>
    /// <param name="mainThreadBodies">give each function a second body without the yield machinery, run on threads
    /// that are not coroutines (see FunctionCompiler.MainThreadBody.cs and LuaState.CompileMainThreadBodies)</param>
    public static LuaClosure Compile(ReadOnlySpan<byte> source, string chunkName, LuaTable env, bool hookChecks = false, bool localAccess = false,
        CompiledCodeLifetime lifetime = CompiledCodeLifetime.Collectible, bool mainThreadBodies = false)
    {
        var chunk = Parser.Parse(source, chunkName);
        return Compile(chunk, env, source.ToArray(), hookChecks, localAccess, stripped: false, lifetime, mainThreadBodies);
    }

    /// <summary>
    /// Compiles what string.dump wrote (see <see cref="BinaryChunk"/>): a main chunk, or (<paramref name="isFunction"/>)
    /// a chunk "local upvalues... return function ... end" whose function is returned with fresh nil upvalues,
    /// without running the chunk. <paramref name="stripped"/> compiles without debug information.
    /// </summary>
    public static LuaClosure CompileDumped(byte[] source, string chunkName, LuaTable env, bool isFunction, bool stripped, bool hookChecks, bool localAccess,
        CompiledCodeLifetime lifetime = CompiledCodeLifetime.Collectible, bool mainThreadBodies = false)
    {
        var chunk = Parser.Parse(source, chunkName);
        if (!isFunction) return Compile(chunk, env, source, hookChecks, localAccess, stripped, lifetime, mainThreadBodies);
        if (chunk.Main.Body.Statements is not [.., ReturnStmt { Values: [FunctionExpr] }])
            throw new LuaException(chunk.ChunkName + ": cannot load incompatible bytecode");
        var compilers = new Dictionary<FunctionBody, FunctionCompiler>();
        Compile(chunk, env, source, hookChecks, localAccess, stripped, lifetime, mainThreadBodies, compilers);
        var function = compilers[chunk.Main.Info!.Children[0]];
        var closure = (LuaClosure)Activator.CreateInstance(function.CreatedType!, env)!;
        foreach (var field in function.UpvalueFields)
            function.CreatedType!.GetField(field.Name)!.SetValue(closure, new UpvalueCell());
        return closure;
    }

    /// <summary>Compiles an already parsed chunk (tests build ASTs by hand with this).</summary>
    public static LuaClosure Compile(Chunk chunk, LuaTable env, byte[]? source = null, bool hookChecks = false, bool localAccess = false,
        CompiledCodeLifetime lifetime = CompiledCodeLifetime.Collectible)
        => Compile(chunk, env, source, hookChecks, localAccess, stripped: false, lifetime, mainThreadBodies: false);

    private static LuaClosure Compile(Chunk chunk, LuaTable env, byte[]? source, bool hookChecks, bool localAccess, bool stripped,
        CompiledCodeLifetime lifetime, bool mainThreadBodies, Dictionary<FunctionBody, FunctionCompiler>? compilers = null)
    {
        try
        {
            return CompileBound(chunk, env, source, hookChecks, localAccess, stripped, lifetime, mainThreadBodies, compilers);
        }
        catch (InsufficientExecutionStackException)
        {
            // Nesting deeper than this thread's stack allows, reported as LuaJIT reports deep nesting.
            throw new LuaException($"{chunk.ChunkName}:{chunk.Main.Line}: chunk has too many syntax levels");
        }
    }

    private static LuaClosure CompileBound(Chunk chunk, LuaTable env, byte[]? source, bool hookChecks, bool localAccess, bool stripped,
        CompiledCodeLifetime lifetime, bool mainThreadBodies, Dictionary<FunctionBody, FunctionCompiler>? compilers)
    {
        Binding.Binder.Bind(chunk);
        int n = Interlocked.Increment(ref _chunkCounter);
        bool tiered = lifetime == CompiledCodeLifetime.Permanent && PermanentCodeEnabled && TakePermanentChunk();
        var access = tiered ? AssemblyBuilderAccess.Run : AssemblyBuilderAccess.RunAndCollect;
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("LuaChunk" + n), access);
        var module = assembly.DefineDynamicModule("LuaChunk" + n);
        var context = new ChunkContext(module, chunk.Source ?? chunk.ChunkName, chunk.ChunkName, source)
        {
            HookChecks = hookChecks, LocalAccess = localAccess, Stripped = stripped, Tiered = tiered,
            // Code compiled for debug hooks or local access is debugging code: it keeps the one (ordinary) body.
            MainThreadBodies = mainThreadBodies && !hookChecks && !localAccess,
        };

        var all = new List<FunctionCompiler>();
        var main = FunctionCompiler.DefineTree(context, chunk.Main, all);
        foreach (var f in all) f.EmitBody();
        foreach (var f in all) f.CreateType();
        if (tiered)
        {
            var loopMethods = all.Skip(1).Select(f => f.MethodCompiledAtFirstCall).OfType<MethodInfo>().ToList();
            if (loopMethods.Count > 0) BackgroundPrecompiler.Enqueue(loopMethods);
        }
        if (compilers is not null) foreach (var (body, f) in context.Compilers) compilers[body] = f;
        return (LuaClosure)Activator.CreateInstance(main.CreatedType!, env)!;
    }
}

/// <summary>What every function of one chunk shares while compiling.</summary>
internal sealed class ChunkContext
{
    public readonly ModuleBuilder Module;
    public readonly string ChunkName;
    public readonly string ShortSource;
    public readonly byte[]? Source;
    public int TypeCounter;
    /// <summary>Whether the code checks for debug hooks (call, return, line events).</summary>
    public bool HookChecks;
    /// <summary>Whether locals live in stack slots that debug.getlocal/setlocal can reach.</summary>
    public bool LocalAccess;
    /// <summary>Whether the code keeps no debug information (a chunk from string.dump(f, true)).</summary>
    public bool Stripped;
    /// <summary>Whether the chunk goes into a non-collectible, tiered assembly (CompiledCodeLifetime.Permanent).</summary>
    public bool Tiered;
    /// <summary>Whether each function also gets a main-thread body (see FunctionCompiler.MainThreadBody.cs).</summary>
    public bool MainThreadBodies;
    /// <summary>Compilers by function body, so a parent can reference its children's types.</summary>
    public readonly Dictionary<FunctionBody, FunctionCompiler> Compilers = new();

    public ChunkContext(ModuleBuilder module, string chunkName, string shortSource, byte[]? source)
    {
        Module = module;
        ChunkName = chunkName;
        ShortSource = shortSource;
        Source = source;
    }
}
