using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// A Lua function made callable from C (a function pointer argument such as qsort's comparator).
/// For each C signature an emitted delegate type (cdecl) and an emitted thunk pack the native
/// arguments into 8-byte slots and hand them to <see cref="Dispatch"/>, which converts them with the
/// FFI's read rules, calls the Lua function on the Lua thread that is making the enclosing C call, and
/// converts its result back. A Lua error must not unwind through C frames: it is caught, the callback
/// returns zero, and <see cref="CFunctionCall"/> raises it once the C function has returned.
/// As in LuaJIT, a callback made by converting a function implicitly lives for the rest of the process
/// (they are cached per function and type, so a loop does not make new ones); one made by
/// <c>ffi.cast</c> is new each time and can be freed (<c>cb:free()</c>) or retargeted (<c>cb:set(f)</c>).
/// </summary>
public sealed class CCallback
{
    private readonly CType _function;
    /// <summary>The Lua function called; null once <c>cb:free()</c> has released the callback.</summary>
    private LuaFunction? _target;
    private readonly Delegate _thunk; // kept alive: the native pointer is only valid while it is
    public readonly nint Address;

    [ThreadStatic] internal static LuaThread? CurrentThread;
    [ThreadStatic] internal static LuaException? PendingError;

    private static readonly ConcurrentDictionary<string, Type> DelegateTypes = new();
    private static readonly ConcurrentDictionary<(LuaFunction, CType), CCallback> Implicit = new();
    /// <summary>Every callback by its native address (what <c>cb:free()</c>/<c>cb:set()</c> look up).</summary>
    private static readonly ConcurrentDictionary<nint, CCallback> ByAddress = new();
    /// <summary>Freed callbacks by prototype, reused by the next cast (as LuaJIT reuses callback slots).</summary>
    private static readonly Dictionary<CType, Stack<CCallback>> Freed = new(ReferenceEqualityComparer.Instance);
    private static readonly Lazy<ModuleBuilder> Module = new(() =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Tidegate.FfiCallbacks"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("Tidegate.FfiCallbacks"));

    private CCallback(CType function, LuaFunction target)
    {
        _function = function;
        _target = target;
        var ps = function.Parameters!;
        var paramTypes = ps.Select(CFunctionStub.ClrTypeOf).ToArray();
        var returnType = CFunctionStub.ClrTypeOf(function.Target!);
        var delegateType = DelegateTypeFor(returnType, paramTypes);
        _thunk = BuildThunk(delegateType, returnType, paramTypes);
        Address = Marshal.GetFunctionPointerForDelegate(_thunk);
        ByAddress[Address] = this;
    }

    /// <summary>The callback for <paramref name="f"/> converted to a pointer to <paramref name="function"/>.</summary>
    public static nint AddressFor(LuaFunction f, CType pointerType)
    {
        var function = pointerType.Target!.Unqualified;
        if (!CanCallBack(function)) throw CConvert.ConvertError(LuaValue.FromObject(f), pointerType);
        return Implicit.GetOrAdd((f, function), key => new CCallback(key.Item2, key.Item1)).Address;
    }

    /// <summary>
    /// A new callback for <paramref name="f"/> (what <c>ffi.cast</c> of a function makes): it lives until
    /// <c>cb:free()</c>, and a freed callback of the same prototype is reused.
    /// </summary>
    public static nint Create(LuaFunction f, CType pointerType)
    {
        var function = pointerType.Target!.Unqualified;
        if (!CanCallBack(function)) throw CConvert.ConvertError(LuaValue.FromObject(f), pointerType);
        lock (Freed)
        {
            if (Freed.TryGetValue(function, out var stack) && stack.TryPop(out var reused))
            {
                reused._target = f;
                return reused.Address;
            }
        }
        return new CCallback(function, f).Address;
    }

    /// <summary><c>cb:free()</c>: later calls through the pointer fail with "bad callback".</summary>
    public static void Free(nint address)
    {
        if (!ByAddress.TryGetValue(address, out var cb) || cb._target is null) throw new CDeclException("bad callback");
        cb._target = null;
        foreach (var entry in Implicit)
            if (entry.Value == cb) Implicit.TryRemove(entry.Key, out _);
        lock (Freed)
        {
            if (!Freed.TryGetValue(cb._function, out var stack)) Freed[cb._function] = stack = new Stack<CCallback>();
            stack.Push(cb);
        }
    }

    /// <summary><c>cb:set(f)</c>: the callback calls <paramref name="f"/> from now on.</summary>
    public static void Set(nint address, LuaFunction f)
    {
        if (!ByAddress.TryGetValue(address, out var cb) || cb._target is null) throw new CDeclException("bad callback");
        cb._target = f;
    }

    /// <summary>
    /// LuaJIT makes callbacks only for fixed-argument prototypes whose parameters and result are scalars
    /// or pointers (no struct, union, complex or long double by value).
    /// </summary>
    private static bool CanCallBack(CType function)
    {
        if (function.IsVararg) return false;
        static bool Scalar(CType t) => t.Unqualified.Kind switch
        {
            CTypeKind.Void or CTypeKind.Bool or CTypeKind.Integer or CTypeKind.Enum or CTypeKind.Pointer => true,
            CTypeKind.Float => t.Unqualified.Size <= 8,
            _ => false,
        };
        return Scalar(function.Target!) && function.Parameters!.All(p => p.Unqualified.Kind != CTypeKind.Void && Scalar(p));
    }

    private static Type DelegateTypeFor(Type returnType, Type[] parameters)
    {
        string key = returnType.Name + "(" + string.Join(",", parameters.Select(p => p.Name)) + ")";
        return DelegateTypes.GetOrAdd(key, _ =>
        {
            lock (Module)
            {
                var tb = Module.Value.DefineType("Callback" + DelegateTypes.Count + "_" + Guid.NewGuid().ToString("N"),
                    TypeAttributes.Sealed | TypeAttributes.Public, typeof(MulticastDelegate));
                tb.SetCustomAttribute(new CustomAttributeBuilder(
                    typeof(UnmanagedFunctionPointerAttribute).GetConstructor(new[] { typeof(CallingConvention) })!,
                    new object[] { CallingConvention.Cdecl }));
                var ctor = tb.DefineConstructor(MethodAttributes.RTSpecialName | MethodAttributes.HideBySig | MethodAttributes.Public,
                    CallingConventions.Standard, new[] { typeof(object), typeof(nint) });
                ctor.SetImplementationFlags(MethodImplAttributes.Runtime | MethodImplAttributes.Managed);
                var invoke = tb.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.NewSlot | MethodAttributes.Virtual,
                    returnType, parameters);
                invoke.SetImplementationFlags(MethodImplAttributes.Runtime | MethodImplAttributes.Managed);
                return tb.CreateType();
            }
        });
    }

    /// <summary>A thunk closed over this callback: stores its arguments in slots, calls Dispatch, loads the result.</summary>
    private Delegate BuildThunk(Type delegateType, Type returnType, Type[] parameters)
    {
        var all = new Type[parameters.Length + 1];
        all[0] = typeof(CCallback);
        parameters.CopyTo(all, 1);
        var dm = new DynamicMethod("cbthunk", returnType, all, typeof(CCallback).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        var slots = il.DeclareLocal(typeof(nint));
        il.Emit(OpCodes.Ldc_I4, Math.Max(parameters.Length, 1) * 8);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Localloc);
        il.Emit(OpCodes.Stloc, slots);
        for (int i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, slots);
            if (i > 0) { il.Emit(OpCodes.Ldc_I4, i * 8); il.Emit(OpCodes.Add); }
            il.Emit(OpCodes.Ldarg, i + 1);
            NativeIL.EmitStore(il, parameters[i]);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, slots);
        il.Emit(OpCodes.Call, typeof(CCallback).GetMethod(nameof(Dispatch), BindingFlags.NonPublic | BindingFlags.Instance)!);
        if (returnType != typeof(void))
        {
            il.Emit(OpCodes.Ldloc, slots);
            NativeIL.EmitLoad(il, returnType);
        }
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate(delegateType, this);
    }

    /// <summary>Runs the Lua function for one native call; never lets an exception reach the C caller.</summary>
    private void Dispatch(nint slots)
    {
        var ret = _function.Target!;
        try
        {
            var thread = CurrentThread ?? throw new LuaException("ffi: callback called outside a C call from Lua");
            if (PendingError is not null) { ZeroResult(slots); return; }
            var target = _target ?? throw new LuaException("bad callback");
            var ps = _function.Parameters!;
            int b = thread.Top;
            thread.EnsureStack(b + ps.Count + 1);
            for (int i = 0; i < ps.Count; i++) thread.Stack[b + i] = CConvert.Read(ps[i], slots + i * 8, null);
            int n = thread.Call(target, b, ps.Count);
            var result = n > 0 ? thread.Stack[b] : LuaValue.Nil;
            if (ret.Unqualified.Kind != CTypeKind.Void) CConvert.Write(ret, slots, result);
        }
        catch (LuaException e)
        {
            PendingError ??= e;
            ZeroResult(slots);
        }
        catch (CDeclException e)
        {
            PendingError ??= new LuaException(e.Message);
            ZeroResult(slots);
        }
        catch (Exception e)
        {
            PendingError ??= new LuaException("ffi: error in callback: " + e.Message);
            ZeroResult(slots);
        }
    }

    private static void ZeroResult(nint slots) => CMemory.WriteInt64(slots, 0);
}
