using System.Collections.Concurrent;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Calls native functions through emitted stubs: one <see cref="DynamicMethod"/> per C signature that
/// loads each argument from an 8-byte slot, makes an unmanaged cdecl <c>calli</c> on the function
/// pointer with exactly the C parameter types (so the .NET JIT places integers, pointers, floats and
/// doubles in the registers the SysV ABI wants), and stores the result at a result address. A struct or
/// union passed by value travels as its <see cref="CByValueType"/> (its slot holds the address of the
/// bytes), so the JIT classifies and places it as the ABI says. Stubs are cached by signature and
/// shared by every state.
/// </summary>
public static class CFunctionStub
{
    public delegate void Invoker(nint function, nint slots, nint result);

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
            case CTypeKind.Struct:
            case CTypeKind.Union:
            case CTypeKind.Complex:
                return CByValueType.For(u);
        }
        throw new CDeclException($"ffi: passing '{CTypeFormatter.Format(t)}' by value to or from C is not supported yet");
    }

    public static Invoker For(Type returnType, Type[] parameters)
    {
        string key = returnType.FullName + "(" + string.Join(",", parameters.Select(p => p.FullName)) + ")";
        return Stubs.GetOrAdd(key, _ => Build(returnType, parameters));
    }

    private static Invoker Build(Type returnType, Type[] parameters)
    {
        var dm = new DynamicMethod("cstub", typeof(void), new[] { typeof(nint), typeof(nint), typeof(nint) }, typeof(CFunctionStub).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        for (int i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_1);
            if (i > 0)
            {
                il.Emit(OpCodes.Ldc_I4, i * 8);
                il.Emit(OpCodes.Add);
            }
            if (IsAggregate(parameters[i]))
            {
                il.Emit(OpCodes.Ldind_I);
                il.Emit(OpCodes.Ldobj, parameters[i]);
            }
            else NativeIL.EmitLoad(il, parameters[i]);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.EmitCalli(OpCodes.Calli, CallingConvention.Cdecl, returnType, parameters);
        if (returnType != typeof(void))
        {
            var result = il.DeclareLocal(returnType);
            il.Emit(OpCodes.Stloc, result);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldloc, result);
            if (IsAggregate(returnType)) il.Emit(OpCodes.Stobj, returnType);
            else NativeIL.EmitStore(il, returnType);
        }
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate<Invoker>();
    }

    /// <summary>A struct or union by value (a <see cref="CByValueType"/>), as opposed to a C scalar.</summary>
    public static bool IsAggregate(Type t) => t.IsValueType && !t.IsPrimitive && t != typeof(void);
}
