using System.Reflection;

namespace Tidegate.Lua.Emit;

// Which compiled methods of a permanent (tiered) chunk opt out of tiering. See CompiledCodeLifetime.
//
// Tiering compiles a method first without optimisation (tier 0, instrumented for profile-guided optimisation),
// then, once it has been called 30 times, again fully optimised on the runtime's background thread (tier 1, with
// the profile: guarded devirtualisation of the closures' virtual InvokeN calls, hot/cold layout). A method whose
// loop runs long at its first call instead gets on-stack replacement: a tier-1 copy of the loop alone, entered
// from the tier-0 frame, whose code is slower than a method compiled fully optimised from the start (mandelbrot,
// whose main chunk is its loops, ran 1.7x as long; spectral-norm, sieve and hash-tables lost too). So a method with
// a loop of the source is compiled fully optimised at its first call (AggressiveOptimization), as collectible code
// always is; loop-free methods (recursion, small functions called many times) are tiered, which is where the gains
// were (ackermann, fib, scheduler, queens). docs/benchmarks.md (session 9, tiered compilation) has the figures.
internal sealed partial class FunctionCompiler
{
    /// <summary>Loop back-edges emitted into the body (loops, and self tail calls, which are jumps back too).</summary>
    private int _backEdgeCount;
    /// <summary>Self tail calls compiled as jumps back to the body (each also counts as a back-edge).</summary>
    private int _selfTailCallCount;

    /// <summary>Whether the body has a loop of the source (a self tail call is a loop of recursion, not of the source).</summary>
    private bool HasSourceLoop => _backEdgeCount > _selfTailCallCount;

    /// <summary>
    /// In a permanent chunk, marks the method holding the body AggressiveOptimization (compiled fully optimised at
    /// its first call, never tiered) when it has a loop; other methods are tiered. Collectible code is never tiered.
    /// </summary>
    private void ApplyTieringPolicy()
    {
        if (_ctx.Tiered && HasSourceLoop)
            (_directEntry ?? _invoke).SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
    }

    /// <summary>
    /// In a permanent chunk, after CreateType: the created method holding the body when ApplyTieringPolicy opted it out
    /// of tiering (the one worth compiling ahead: see BackgroundPrecompiler), else null. With a main-thread body that
    /// is the one (see FunctionCompiler.MainThreadBody.cs): a chunk compiled with them runs on the main thread.
    /// </summary>
    internal MethodInfo? MethodCompiledAtFirstCall => (_mainThreadBody ?? this).BodyMethodIfUntiered(CreatedType!);

    private MethodInfo? BodyMethodIfUntiered(Type created) =>
        _ctx.Tiered && HasSourceLoop
            ? created.GetMethod((_directEntry ?? _invoke).Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            : null;
}
