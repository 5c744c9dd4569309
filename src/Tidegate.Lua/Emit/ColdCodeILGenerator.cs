using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

namespace Tidegate.Lua.Emit;

/// <summary>
/// The IL generator of a method with code that runs once (see <see cref="FunctionCompiler"/>'s ColdCode part):
/// passes everything through to the method's own generator, except that while <see cref="Cold"/> is set a
/// <c>call</c> of an inlinable fast-path helper becomes a call of its out-of-line twin (<see cref="ColdHelpers"/>).
/// One place decides, so every construct the emitter writes (indexing, arithmetic, comparisons, stores,
/// globals, concatenation) gets the compact form without each emitting a second variant.
/// </summary>
internal sealed class ColdCodeILGenerator : ILGenerator
{
    private readonly ILGenerator _inner;

    /// <summary>Whether the code being emitted now runs once (outside every loop of a run-once main chunk).</summary>
    public bool Cold;

    public ColdCodeILGenerator(ILGenerator inner) => _inner = inner;

    public override void Emit(OpCode opcode, MethodInfo meth) =>
        _inner.Emit(opcode, Cold && opcode == OpCodes.Call ? ColdHelpers.For(meth) : meth);

    public override void Emit(OpCode opcode) => _inner.Emit(opcode);
    public override void Emit(OpCode opcode, byte arg) => _inner.Emit(opcode, arg);
    public override void Emit(OpCode opcode, short arg) => _inner.Emit(opcode, arg);
    public override void Emit(OpCode opcode, long arg) => _inner.Emit(opcode, arg);
    public override void Emit(OpCode opcode, float arg) => _inner.Emit(opcode, arg);
    public override void Emit(OpCode opcode, double arg) => _inner.Emit(opcode, arg);
    public override void Emit(OpCode opcode, int arg) => _inner.Emit(opcode, arg);
    public override void EmitCalli(OpCode opcode, CallingConventions callingConvention, Type? returnType, Type[]? parameterTypes, Type[]? optionalParameterTypes) =>
        _inner.EmitCalli(opcode, callingConvention, returnType, parameterTypes, optionalParameterTypes);
    public override void EmitCalli(OpCode opcode, CallingConvention unmanagedCallConv, Type? returnType, Type[]? parameterTypes) =>
        _inner.EmitCalli(opcode, unmanagedCallConv, returnType, parameterTypes);
    public override void EmitCall(OpCode opcode, MethodInfo methodInfo, Type[]? optionalParameterTypes) =>
        _inner.EmitCall(opcode, methodInfo, optionalParameterTypes);
    public override void Emit(OpCode opcode, SignatureHelper signature) => _inner.Emit(opcode, signature);
    public override void Emit(OpCode opcode, ConstructorInfo con) => _inner.Emit(opcode, con);
    public override void Emit(OpCode opcode, Type cls) => _inner.Emit(opcode, cls);
    public override void Emit(OpCode opcode, Label label) => _inner.Emit(opcode, label);
    public override void Emit(OpCode opcode, Label[] labels) => _inner.Emit(opcode, labels);
    public override void Emit(OpCode opcode, FieldInfo field) => _inner.Emit(opcode, field);
    public override void Emit(OpCode opcode, string str) => _inner.Emit(opcode, str);
    public override void Emit(OpCode opcode, LocalBuilder local) => _inner.Emit(opcode, local);
    public override Label BeginExceptionBlock() => _inner.BeginExceptionBlock();
    public override void EndExceptionBlock() => _inner.EndExceptionBlock();
    public override void BeginExceptFilterBlock() => _inner.BeginExceptFilterBlock();
    public override void BeginCatchBlock(Type? exceptionType) => _inner.BeginCatchBlock(exceptionType);
    public override void BeginFaultBlock() => _inner.BeginFaultBlock();
    public override void BeginFinallyBlock() => _inner.BeginFinallyBlock();
    public override Label DefineLabel() => _inner.DefineLabel();
    public override void MarkLabel(Label loc) => _inner.MarkLabel(loc);
    public override LocalBuilder DeclareLocal(Type localType, bool pinned) => _inner.DeclareLocal(localType, pinned);
    public override void UsingNamespace(string usingNamespace) => _inner.UsingNamespace(usingNamespace);
    public override void BeginScope() => _inner.BeginScope();
    public override void EndScope() => _inner.EndScope();
    public override int ILOffset => _inner.ILOffset;
}
