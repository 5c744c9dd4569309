using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Emit;

/// <summary>
/// Out-of-line twins of the fast-path helpers that compiled code calls (<see cref="CompiledCode"/>'s
/// <c>IndexStr</c>, <c>GetGlobal</c>, <c>Add</c>, ...), for code that runs once.
///
/// The helpers are <c>AggressiveInlining</c>: in a loop, their fast path inlined into the compiled function is
/// what makes it fast. In code that runs once (a script's top level outside loops: requiring modules,
/// building tables, defining functions) the same inlining only costs: every inlined body adds its blocks
/// and temporaries to the method, and the .NET JIT's liveness analysis and register allocation grow with
/// blocks × locals, so a main chunk's setup lines cost several times more JIT time than its hot loop. A
/// twin is a static method with the helper's signature (an instance helper's receiver first) whose body
/// calls the helper and returns; marked NoInlining, it is compiled once per process and every cold site
/// is one call. Behaviour is the helper's own: same arguments, same exceptions, same results.
///
/// The twins live in one non-collectible dynamic assembly shared by all chunks (a collectible chunk may
/// call into it; it holds no per-chunk state), one small type per twin, made on first use.
/// </summary>
internal static class ColdHelpers
{
    /// <summary>Helpers whose IL is at most this long stay inlined: a call costs the JIT about as much as they do.</summary>
    private const int MaxInlinedILBytes = 16;

    // By reference: a MethodBuilder's Equals compares name and signature only, so the Invoke1 of two compiled
    // functions would be "equal" (and compiled code's own methods never get here, see For).
    private static readonly ConcurrentDictionary<MethodInfo, MethodInfo> Twins = new(ReferenceEqualityComparer.Instance);
    private static readonly object DefineLock = new();
    private static ModuleBuilder? _module;
    private static int _typeCounter;

    /// <summary>The method cold code calls instead of <paramref name="helper"/>: its out-of-line twin, or itself.</summary>
    public static MethodInfo For(MethodInfo helper)
    {
        if (helper is MethodBuilder || helper.DeclaringType?.Assembly != typeof(ColdHelpers).Assembly) return helper;
        if (Twins.TryGetValue(helper, out var twin)) return twin;
        twin = NeedsTwin(helper) ? DefineTwin(helper) : helper;
        return Twins.GetOrAdd(helper, twin);
    }

    /// <summary>An engine helper the JIT would inline (AggressiveInlining) with more than a few instructions.</summary>
    private static bool NeedsTwin(MethodInfo m)
    {
        if ((m.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining) == 0) return false;
        if (m.IsGenericMethod || m.DeclaringType!.IsGenericType || m.IsVirtual || m.IsAbstract) return false;
        if (!m.IsStatic && m.DeclaringType.IsValueType) return false; // a struct receiver is passed by address: keep it simple
        var body = m.GetMethodBody();
        return body is not null && body.GetILAsByteArray()!.Length > MaxInlinedILBytes;
    }

    private static MethodInfo DefineTwin(MethodInfo helper)
    {
        lock (DefineLock)
        {
            if (Twins.TryGetValue(helper, out var made)) return made;
            _module ??= AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("TidegateColdHelpers"), AssemblyBuilderAccess.Run)
                .DefineDynamicModule("TidegateColdHelpers");
            var parameters = helper.GetParameters().Select(p => p.ParameterType).ToList();
            if (!helper.IsStatic) parameters.Insert(0, helper.DeclaringType!);
            var type = _module.DefineType($"Cold{++_typeCounter}_{helper.DeclaringType!.Name}_{helper.Name}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
            var method = type.DefineMethod(helper.Name, MethodAttributes.Public | MethodAttributes.Static,
                helper.ReturnType, parameters.ToArray());
            method.SetImplementationFlags(MethodImplAttributes.NoInlining);
            var il = method.GetILGenerator();
            for (int i = 0; i < parameters.Count; i++) il.Emit(OpCodes.Ldarg, i);
            il.Emit(OpCodes.Call, helper);
            il.Emit(OpCodes.Ret);
            var created = type.CreateType();
            return created.GetMethod(helper.Name, BindingFlags.Public | BindingFlags.Static)!;
        }
    }
}
