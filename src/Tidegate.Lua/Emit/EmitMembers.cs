using System.Reflection;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Emit;

/// <summary>The reflection handles the emitter's IL refers to, looked up once.</summary>
internal static class EmitMembers
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static MethodInfo M(Type t, string name) => t.GetMethod(name, Any) ?? throw new MissingMethodException(t.Name, name);
    private static MethodInfo M(Type t, string name, params Type[] args) => t.GetMethod(name, Any, args) ?? throw new MissingMethodException(t.Name, name);
    private static FieldInfo F(Type t, string name) => t.GetField(name, Any) ?? throw new MissingFieldException(t.Name, name);
    private static MethodInfo C(string name) => M(typeof(CompiledCode), name);

    public static readonly ConstructorInfo ClosureCtor = typeof(LuaClosure).GetConstructor(Any, new[] { typeof(FunctionProto), typeof(LuaTable) })!;
    public static readonly MethodInfo FunctionInvoke = M(typeof(LuaFunction), "Invoke");
    /// <summary>LuaFunction.Invoke1..Invoke4, indexed by argument count (index 0 unused).</summary>
    public static readonly MethodInfo?[] FunctionInvokeN =
        [null, M(typeof(LuaFunction), "Invoke1"), M(typeof(LuaFunction), "Invoke2"), M(typeof(LuaFunction), "Invoke3"), M(typeof(LuaFunction), "Invoke4")];
    public static readonly MethodInfo FunctionInvokeMain = M(typeof(LuaFunction), "InvokeMain");
    /// <summary>LuaFunction.Invoke1Main..Invoke4Main, indexed by argument count (index 0 unused).</summary>
    public static readonly MethodInfo?[] FunctionInvokeNMain =
        [null, M(typeof(LuaFunction), "Invoke1Main"), M(typeof(LuaFunction), "Invoke2Main"), M(typeof(LuaFunction), "Invoke3Main"), M(typeof(LuaFunction), "Invoke4Main")];
    public static readonly FieldInfo FunctionTakesArgumentsInRegisters = F(typeof(LuaFunction), "TakesArgumentsInRegisters");
    public static readonly MethodInfo GetUpvalueCells = M(typeof(LuaClosure), "GetUpvalueCells");
    public static readonly FieldInfo ClosureEnvironment = F(typeof(LuaClosure), "Environment");

    public static readonly FieldInfo ThreadStack = F(typeof(LuaThread), "Stack");
    public static readonly FieldInfo ThreadCurrentSite = F(typeof(LuaThread), "CurrentSite");
    public static readonly FieldInfo ThreadMetaYieldPending = F(typeof(LuaThread), "MetaYieldPending");
    public static readonly FieldInfo ThreadMetaResult = F(typeof(LuaThread), "MetaResult");
    public static readonly MethodInfo ClearMetaYield = C("ClearMetaYield");
    public static readonly MethodInfo ThreadEnterFrame = M(typeof(LuaThread), "EnterFrame");
    public static readonly MethodInfo ThreadBeginFrame = M(typeof(LuaThread), "BeginFrame");
    public static readonly MethodInfo ThreadResumeSuspended = M(typeof(LuaThread), "ResumeSuspended");
    public static readonly FieldInfo ThreadHookMask = F(typeof(LuaThread), "HookMask");
    public static readonly MethodInfo ThreadLineHookEvent = M(typeof(LuaThread), "LineHookEvent");
    public static readonly MethodInfo ThreadCallHookEvent = M(typeof(LuaThread), "CallHookEvent");
    public static readonly MethodInfo ThreadReturnHookEvent = M(typeof(LuaThread), "ReturnHookEvent");
    public static readonly MethodInfo ThreadHostCallHookEvent = M(typeof(LuaThread), "HostCallHookEvent");

    public static readonly FieldInfo ValueNil = F(typeof(LuaValue), "Nil");
    public static readonly FieldInfo ValueTrue = F(typeof(LuaValue), "True");
    public static readonly FieldInfo ValueFalse = F(typeof(LuaValue), "False");
    public static readonly FieldInfo ValueNumber = F(typeof(LuaValue), "Number");
    public static readonly MethodInfo FromNumber = M(typeof(LuaValue), "FromNumber");
    public static readonly MethodInfo FromBoolean = M(typeof(LuaValue), "FromBoolean");
    public static readonly MethodInfo FromObject = M(typeof(LuaValue), "FromObject");
    public static readonly MethodInfo IsNil = typeof(LuaValue).GetProperty("IsNil")!.GetMethod!;

    public static readonly ConstructorInfo CellNew = typeof(UpvalueCell).GetConstructor(new[] { typeof(LuaValue) })!;
    public static readonly ConstructorInfo CellNewEmpty = typeof(UpvalueCell).GetConstructor(Type.EmptyTypes)!;
    public static readonly FieldInfo CellValue = F(typeof(UpvalueCell), "Value");
    public static readonly MethodInfo CellStore = typeof(UpvalueCell).GetMethod(nameof(UpvalueCell.Store))!;

    public static readonly MethodInfo RentFrameState = typeof(LuaThread).GetMethod(nameof(LuaThread.RentFrameState))!;
    public static readonly FieldInfo FrameStateLocals = F(typeof(CompiledFrameState), "Locals");
    public static readonly FieldInfo FrameStateResumePoint = F(typeof(CompiledFrameState), "ResumePoint");

    public static readonly MethodInfo Arg = C("Arg");
    public static readonly MethodInfo BackEdge = C("BackEdge");
    public static readonly MethodInfo NumberLoopTryCount = M(typeof(NumberLoopSupport), "TryCount");
    public static readonly MethodInfo NumberLoopArraySlot = M(typeof(NumberLoopSupport), "ArraySlot");
    public static readonly MethodInfo NumberLoopTryStore = M(typeof(NumberLoopSupport), "TryStoreArraySlot");
    public static readonly MethodInfo NumberLoopCanStore = M(typeof(NumberLoopSupport), "CanStoreArraySlot");
    public static readonly MethodInfo NumberLoopField = M(typeof(NumberLoopSupport), "Field");
    public static readonly MethodInfo NumberLoopFieldNode = M(typeof(NumberLoopSupport), "FieldNode");
    public static readonly MethodInfo NumberLoopCommitField = M(typeof(NumberLoopSupport), "CommitField");
    public static readonly MethodInfo NumberLoopRefreshHint = M(typeof(NumberLoopSupport), "RefreshHint");
    public static readonly MethodInfo NumberLoopArrayOf = M(typeof(NumberLoopSupport), "ArrayOf");
    public static readonly MethodInfo NumberLoopArraySlotIn = M(typeof(NumberLoopSupport), "ArraySlotIn");
    public static readonly MethodInfo NumberLoopArraySlotAt = M(typeof(NumberLoopSupport), "ArraySlotAt");
    public static readonly MethodInfo NumberLoopArraySlotAtKey = M(typeof(NumberLoopSupport), "ArraySlotAtKey");
    public static readonly MethodInfo NumberLoopTryStoreAt = M(typeof(NumberLoopSupport), "TryStoreArraySlotAt");
    public static readonly MethodInfo NumberLoopExactInt = M(typeof(NumberLoopSupport), "ExactInt");
    public static readonly MethodInfo NumberLoopIntCounterFits = M(typeof(NumberLoopSupport), "IntCounterFits");
    public static readonly MethodInfo NumberLoopIntCounterLimit = M(typeof(NumberLoopSupport), "IntCounterLimit");
    public static readonly MethodInfo NumberLoopIsIntrinsic = M(typeof(NumberLoopSupport), "IsIntrinsic");
    public static readonly MethodInfo Result = C("Result");
    public static readonly MethodInfo Return = C("Return");
    public static readonly MethodInfo Return1 = C("Return1");
    public static readonly MethodInfo Return0 = C("Return0");
    public static readonly MethodInfo ReturnDirect1 = C("ReturnDirect1");
    public static readonly MethodInfo DirectExit = C("DirectExit");
    public static readonly MethodInfo FinishDirectEntry = C("FinishDirectEntry");
    public static readonly FieldInfo ThreadDirectStatus = F(typeof(LuaThread), "DirectStatus");
    public static readonly MethodInfo SetFrameSlots = C("SetFrameSlots");
    public static readonly MethodInfo FirstVararg = C("FirstVararg");
    public static readonly MethodInfo CopyVarargs = C("CopyVarargs");
    public static readonly MethodInfo Callable = C("Callable");
    public static readonly MethodInfo RefOf = C("RefOf");
    public static readonly MethodInfo TailCallKnown = C("TailCallKnown");
    public static readonly MethodInfo FinishCall = C("FinishCall");
    public static readonly MethodInfo TryTailCall = C("TryTailCall");
    public static readonly MethodInfo BeginHostTailCall = C("BeginHostTailCall");
    public static readonly MethodInfo EndHostTailCall = C("EndHostTailCall");
    public static readonly MethodInfo PopFrame = C("PopFrame");
    public static readonly MethodInfo ReturnPopped = C("ReturnPopped");
    public static readonly MethodInfo TakeRestoringFrame = C("TakeRestoringFrame");
    public static readonly MethodInfo SaveFrame = C("SaveFrame");
    public static readonly MethodInfo BoxInt = M(typeof(CompiledCode), "Box", typeof(int));
    public static readonly MethodInfo BoxDouble = M(typeof(CompiledCode), "Box", typeof(double));
    public static readonly MethodInfo BoxObject = M(typeof(CompiledCode), "Box", typeof(object));
    public static readonly MethodInfo UnboxInt = C("UnboxInt");
    public static readonly MethodInfo UnboxDouble = C("UnboxDouble");
    public static readonly MethodInfo UnboxCell = C("UnboxCell");

    public static readonly MethodInfo Add = C("Add"), Sub = C("Sub"), Mul = C("Mul"), Div = C("Div"), Mod = C("Mod"), Pow = C("Pow");
    public static readonly MethodInfo Negate = C("Negate");
    public static readonly MethodInfo ArithSlow = C("ArithSlow");
    public static readonly MethodInfo IsNumberValue = C("IsNumber");
    public static readonly MethodInfo EqNilValue = C("EqNil");
    public static readonly MethodInfo Modulo = typeof(LuaOps).GetMethod("Modulo")!;
    public static readonly MethodInfo MathPow = typeof(Math).GetMethod("Pow")!;
    public static readonly MethodInfo Length = C("Length");
    public static readonly MethodInfo Not = C("Not");
    public static readonly MethodInfo IsTruthy = C("IsTruthy");
    public static readonly MethodInfo Concat = C("Concat");
    public static readonly MethodInfo Eq = C("Eq"), Lt = C("Lt"), Le = C("Le");
    public static readonly MethodInfo IndexAny = C("Index"), IndexStr = C("IndexStr"), IndexMethod = C("IndexMethod");
    public static readonly MethodInfo GetGlobal = C("GetGlobal"), SetGlobal = C("SetGlobal");
    public static readonly MethodInfo SetIndex = C("SetIndex"), SetIndexStr = C("SetIndexStr");
    public static readonly MethodInfo AddInPlace = C("AddInPlace");
    public static readonly MethodInfo NewTable = C("NewTable");
    public static readonly MethodInfo NewTableFromTemplate = C("NewTableFromTemplate"), SetTemplateField = C("SetTemplateField");
    public static readonly MethodInfo RawSetInt = C("RawSetInt"), RawSetStr = C("RawSetStr"), RawSet = C("RawSet");
    public static readonly MethodInfo SetList = C("SetList");
    public static readonly MethodInfo ForNumber = C("ForNumber");
    public static readonly MethodInfo ForContinues = C("ForContinues");
}
