using System.Collections.Concurrent;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Calls native functions through emitted stubs: one <see cref="DynamicMethod"/> per C signature that
/// loads each argument from an 8-byte slot, makes an unmanaged cdecl <c>calli</c> on the function
/// pointer with exactly the C parameter types (so the .NET JIT places integers, pointers, floats and
/// doubles in the registers the SysV ABI wants), and stores the result back into slot 0. Stubs are
/// cached by signature and shared by every state.
/// </summary>
public static class CFunctionStub
{
    public delegate void Invoker(nint function, nint slots);

    private static readonly ConcurrentDictionary<string, Invoker> Stubs = new();

    /// <summary>The .NET type that carries a C scalar across the native call boundary.</summary>
    public static Type ClrTypeOf(CType t)
    {
        var u = t.Unqualified;
        switch (u.Kind)
        {
            case CTypeKind.Void: return typeof(void);
            case CTypeKind.Bool: return typeof(byte);
            case CTypeKind.Enum: return u.Target!.IsUnsigned ? typeof(uint) : typeof(int);
            case CTypeKind.Integer:
                return (u.Size, u.IsUnsigned) switch
                {
                    (1, false) => typeof(sbyte), (1, true) => typeof(byte),
                    (2, false) => typeof(short), (2, true) => typeof(ushort),
                    (4, false) => typeof(int), (4, true) => typeof(uint),
                    (_, false) => typeof(long), _ => typeof(ulong),
                };
            case CTypeKind.Float:
                if (u.Size == 4) return typeof(float);
                if (u.Size == 8) return typeof(double);
                break;
            case CTypeKind.Pointer:
            case CTypeKind.Array:
                return typeof(nint);
        }
        throw new CDeclException($"ffi: passing '{CTypeFormatter.Format(t)}' by value to or from C is not supported yet");
    }

    public static Invoker For(Type returnType, Type[] parameters)
    {
        string key = returnType.Name + "(" + string.Join(",", parameters.Select(p => p.Name)) + ")";
        return Stubs.GetOrAdd(key, _ => Build(returnType, parameters));
    }

    private static Invoker Build(Type returnType, Type[] parameters)
    {
        var dm = new DynamicMethod("cstub", typeof(void), new[] { typeof(nint), typeof(nint) }, typeof(CFunctionStub).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        for (int i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_1);
            if (i > 0)
            {
                il.Emit(OpCodes.Ldc_I4, i * 8);
                il.Emit(OpCodes.Add);
            }
            NativeIL.EmitLoad(il, parameters[i]);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.EmitCalli(OpCodes.Calli, CallingConvention.Cdecl, returnType, parameters);
        if (returnType != typeof(void))
        {
            var result = il.DeclareLocal(returnType);
            il.Emit(OpCodes.Stloc, result);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldloc, result);
            NativeIL.EmitStore(il, returnType);
        }
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate<Invoker>();
    }
}
