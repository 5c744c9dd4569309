using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

/// <summary>
/// Compiles one function prototype to a sealed <see cref="LuaClosure"/> subclass.
///
/// Shape of the generated Invoke(thread, argBase, argCount):
/// <list type="bullet">
/// <item>Locals that no inner function captures are IL locals of type LuaValue; captured ones are IL
/// locals holding an <see cref="UpvalueCell"/> made fresh each time the declaration runs.</item>
/// <item>Every intermediate value lives in an IL temp local, never on the IL evaluation stack across
/// a call. So at each call site the IL stack holds only the call's own operands, which is what lets a
/// yield save the frame (all IL locals) and a resume jump straight back to the call.</item>
/// <item>Call arguments go on the thread's value stack above the frame (frameTop + slot); results come
/// back at the same place. The slot depth is static, like a register allocator's.</item>
/// <item>After each call: one compare of the status with 0. A negative status runs pending tail calls;
/// if a yield is under way the frame saves itself (a shared block at the end of the method) and returns
/// Yield. Entering with thread.RestoringFrame set restores the locals and jumps to the call site.</item>
/// </list>
/// </summary>
internal sealed partial class FunctionCompiler
{
    private readonly ChunkContext _ctx;
    private readonly FunctionBody _body;
    private readonly FunctionInfo _info;
    private readonly TypeBuilder _type;
    /// <summary>
    /// The prototype's constants object: one instance of a companion type whose instance fields hold the
    /// string constants, the per-site slot hints and other per-prototype objects. Statics of a type in a
    /// collectible assembly are reached through a runtime helper call on every access (the JIT cannot embed
    /// their address), so compiled code keeps them in instance fields instead: <c>this.C.K3</c> is two loads.
    /// </summary>
    private readonly TypeBuilder _constsType;
    private readonly FieldBuilder _protoField;
    /// <summary>The closure type's static holding the constants object (read once per closure creation).</summary>
    private readonly FieldBuilder _constsStatic;
    /// <summary>The closure's instance field holding the constants object (read by Invoke).</summary>
    private readonly FieldBuilder _constsField;
    private readonly ConstructorBuilder _constsCtor;
    private readonly List<(FieldBuilder Field, object Value)> _staticValues = new();
    private readonly Dictionary<string, FieldBuilder> _stringConstants = new();
    private readonly List<int> _siteLines = new();
    private readonly List<string?> _siteNames = new();
    private readonly List<bool> _siteIsMethod = new();
    private readonly List<string?> _siteNameKinds = new();
    private readonly Dictionary<(int, string?, bool, string?), int> _siteIndex = new();

    public readonly ConstructorBuilder Constructor;
    public readonly FieldBuilder[] UpvalueFields;
    public Type? CreatedType;

    private MethodBuilder _invoke = null!;
    private ILGenerator _il = null!;

    private readonly Dictionary<LocalSymbol, LocalBuilder> _vars = new();
    /// <summary>Numeric for counters read straight from their double local (never captured, never assigned).</summary>
    private readonly Dictionary<LocalSymbol, LocalBuilder> _numericForCounters = new();
    /// <summary>Every IL local that holds frame state, in the order a yield saves them.</summary>
    private readonly List<LocalBuilder> _savedLocals = new();
    private readonly Stack<LocalBuilder> _freeValueTemps = new();
    private readonly Stack<LocalBuilder> _freeIntTemps = new();

    private LocalBuilder _frameTop = null!;
    private LocalBuilder _varargCount = null!;
    private LocalBuilder _status = null!;
    private LocalBuilder _resumePoint = null!;
    /// <summary>The frame state this invocation was restored from, which its next yield saves into again.</summary>
    private LocalBuilder _frameState = null!;
    private int _depth, _maxDepth;
    private Label _saveLabel;
    /// <summary>Where the body starts, after the prologue (a self tail call jumps back here).</summary>
    private Label _bodyStart;
    /// <summary>Per resume point: its label (the restore switch jumps there) and the code that re-enters.</summary>
    private readonly List<(Label Resume, Action EmitReentry)> _resumePoints = new();
    private readonly List<int> _resumeSites = new();
    private readonly SortedSet<int> _activeLines = new();
    private readonly Stack<Label> _breakLabels = new();
    private readonly Dictionary<LabelStmt, Label> _gotoLabels = new();

    private int ParameterCount => _body.Parameters.Count;

    /// <summary>Compiling a chunk loaded from string.dump(f, true): no lines or variable names (see FunctionProto.IsStripped).</summary>
    private bool Stripped => _ctx.Stripped;

    // LuaJIT's stripped bytecode keeps global, field and method names (they are constants) but not the
    // names of locals, and an upvalue's name becomes empty: "attempt to index upvalue '' (a nil value)".

    /// <summary>An operand description ("local 'x'", "global 'g'") as stripped code knows it.</summary>
    private static string? StrippedDescription(string description) =>
        description.StartsWith("local ", StringComparison.Ordinal) ? null
        : description.StartsWith("upvalue ", StringComparison.Ordinal) ? "upvalue ''"
        : description;

    /// <summary>A call site's name for its callee, of kind <paramref name="kind"/>, as stripped code knows it.</summary>
    private static (string? Name, string? Kind) StrippedCallName(string? name, string? kind) => kind switch
    {
        "local" => (null, null),
        "upvalue" => ("", kind),
        _ => (name, kind),
    };

    private FunctionCompiler(ChunkContext ctx, FunctionBody body)
    {
        _ctx = ctx;
        _body = body;
        _info = body.Info!;
        int n = ++ctx.TypeCounter;
        _type = ctx.Module.DefineType($"LuaFunction{n}_{Sanitize(body.Name)}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(LuaClosure));
        _constsType = ctx.Module.DefineType($"LuaFunction{n}_{Sanitize(body.Name)}_Constants",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(object));
        _constsCtor = _constsType.DefineDefaultConstructor(MethodAttributes.Public);
        _protoField = _constsType.DefineField("Proto", typeof(FunctionProto), FieldAttributes.Public);
        _constsStatic = _type.DefineField("Constants", _constsType, FieldAttributes.Public | FieldAttributes.Static);
        _constsField = _type.DefineField("C", _constsType, FieldAttributes.Public | FieldAttributes.InitOnly);

        UpvalueFields = new FieldBuilder[_info.Upvalues.Count];
        for (int i = 0; i < UpvalueFields.Length; i++)
            UpvalueFields[i] = _type.DefineField($"U{i}_{Sanitize(_info.Upvalues[i].Name)}", typeof(UpvalueCell), FieldAttributes.Public);

        DefineDirectEntry();
        DefineMainThreadEntries();
        Constructor = _type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, new[] { typeof(LuaTable) });
        var il = Constructor.GetILGenerator();
        var consts = il.DeclareLocal(_constsType);
        il.Emit(OpCodes.Ldsfld, _constsStatic);
        il.Emit(OpCodes.Stloc, consts);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, consts);
        il.Emit(OpCodes.Ldfld, _protoField);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, ClosureCtor);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, consts);
        il.Emit(OpCodes.Stfld, _constsField);
        if (_directEntry is not null)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Stfld, FunctionTakesArgumentsInRegisters);
        }
        il.Emit(OpCodes.Ret);

        var cells = _type.DefineMethod("GetUpvalueCells", MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig,
            typeof(UpvalueCell[]), Type.EmptyTypes);
        il = cells.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, UpvalueFields.Length);
        il.Emit(OpCodes.Newarr, typeof(UpvalueCell));
        for (int i = 0; i < UpvalueFields.Length; i++)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, UpvalueFields[i]);
            il.Emit(OpCodes.Stelem_Ref);
        }
        il.Emit(OpCodes.Ret);
        _type.DefineMethodOverride(cells, GetUpvalueCells);
    }

    private static string Sanitize(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "anon";
        var sb = new StringBuilder();
        foreach (char c in name) sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        return sb.Length > 40 ? sb.ToString(0, 40) : sb.ToString();
    }

    /// <summary>Defines the types of <paramref name="body"/> and all functions nested in it.</summary>
    public static FunctionCompiler DefineTree(ChunkContext ctx, FunctionBody body, List<FunctionCompiler> all)
    {
        var compiler = new FunctionCompiler(ctx, body);
        ctx.Compilers[body] = compiler;
        all.Add(compiler);
        foreach (var child in body.Info!.Children) DefineTree(ctx, child, all);
        return compiler;
    }

    public void CreateType()
    {
        var constsType = _constsType.CreateType();
        CreatedType = _type.CreateType();
        var proto = new FunctionProto
        {
            ChunkName = _ctx.ChunkName,
            ShortSource = _ctx.ShortSource,
            LineDefined = Stripped ? 0 : _body.Line,
            LastLineDefined = Stripped ? 0 : _body.EndLine,
            SourceStart = _body.SourceStart,
            SourceEnd = _body.SourceEnd,
            IsMethod = _body.IsMethod,
            IsStripped = Stripped,
            ParameterCount = ParameterCount,
            ParameterNames = _body.Parameters.ToArray(),
            IsVararg = _body.IsVararg,
            Name = _body.Name,
            ChunkSource = _ctx.Source,
            SiteLines = _siteLines.ToArray(),
            SiteNames = _siteNames.ToArray(),
            SiteIsMethod = _siteIsMethod.ToArray(),
            SiteNameKinds = _siteNameKinds.ToArray(),
            ResumeSites = _resumeSites.ToArray(),
            SiteLocals = LocalAccess ? _siteLocals.ToArray() : null,
            ActiveLines = Stripped ? Array.Empty<int>() : _activeLines.Append(_body.EndLine).Where(l => l > 0).Distinct().Order().ToArray(),
            UpvalueNames = _info.Upvalues.Select(u => u.Name).ToArray(),
        };
        var consts = Activator.CreateInstance(constsType)!;
        constsType.GetField(_protoField.Name)!.SetValue(consts, proto);
        foreach (var (field, value) in _staticValues) constsType.GetField(field.Name)!.SetValue(consts, value);
        CreatedType.GetField(_constsStatic.Name)!.SetValue(null, consts);
    }

    // ---------------- the method ----------------

    public void EmitBody()
    {
        if (!_isMainThreadBody) // the main-thread body's entry is defined up front (see DefineMainThreadEntries)
        {
            _invoke = _type.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig | MethodAttributes.Final,
                typeof(int), new[] { typeof(LuaThread), typeof(int), typeof(int) });
            _type.DefineMethodOverride(_invoke, FunctionInvoke);
        }
        // No `.locals init`: the JIT then zeroes only the locals that hold GC references (every LuaValue, which
        // starts as nil, and the frame-state and cell locals), not the int/double temps. The emitted code writes
        // those before it reads them, except a yield's save block, which copies every local and the restore puts
        // back unchanged (an unused one, such as a non-vararg function's vararg count, round-trips its garbage).
        // fib's prologue zeroed 0xC0 bytes per call, 0x48 after.
        _invoke.InitLocals = false;
        _il = _invoke.GetILGenerator();
        BeginDirectEntryBody();

        _frameTop = NewLocal(typeof(int));
        _varargCount = NewLocal(typeof(int));
        _status = _il.DeclareLocal(typeof(int));
        _resumePoint = _il.DeclareLocal(typeof(int));
        _saveLabel = _il.DefineLabel();
        var prologue = _il.DefineLabel();
        var bodyStart = _bodyStart = _il.DefineLabel();
        var restore = _il.DefineLabel();

        var parameters = _body.ParameterSymbols!;
        foreach (var p in parameters) DeclareVariable(p);
        if (LocalAccess)
        {
            // Parameters take the first slots, in order (the prologue copies argument i to slot i), and are
            // active in the whole body, whose code is emitted before the prologue.
            foreach (var p in parameters) Activate(p);
        }

        // The prologue goes after the body, where the frame's slot need is known.
        _il.Emit(OpCodes.Br, prologue);
        _il.MarkLabel(bodyStart);
        if (LocalAccess)
        {
            // The locals' slots come first; call temporaries go above them.
            _depth = _info.LocalSlotCount;
            if (_depth > _maxDepth) _maxDepth = _depth;
        }
        EmitBlock(_body.Body, endScope: false); // nothing runs after the body's end
        EmitReturnHook(_depth);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Call, Return0);
        EmitReturnStatus();

        _il.MarkLabel(prologue);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, ThreadEnterFrame);
        // frameTop first: one test (BeginFrame, below) tells a resume (restore) from a start and makes room.
        if (_body.IsVararg)
        {
            // varargs stay where the caller put them: argBase+paramCount .. argBase+argCount
            _il.Emit(OpCodes.Ldarg_3);
            _il.Emit(OpCodes.Ldc_I4, ParameterCount);
            _il.Emit(OpCodes.Sub);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Call, typeof(Math).GetMethod("Max", new[] { typeof(int), typeof(int) })!);
            _il.Emit(OpCodes.Stloc, _varargCount);
            _il.Emit(OpCodes.Ldarg_2);
            _il.Emit(OpCodes.Ldc_I4, ParameterCount);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloc, _varargCount);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Stloc, _frameTop);
        }
        else
        {
            _il.Emit(OpCodes.Ldarg_2);
            _il.Emit(OpCodes.Stloc, _frameTop);
        }
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Ldloc, _frameTop);
        _il.Emit(OpCodes.Ldc_I4, _maxDepth + 2);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Call, ThreadBeginFrame);
        // A main-thread body is never resumed (see FunctionCompiler.MainThreadBody.cs): the main thread restores no
        // frame, so BeginFrame only makes room there.
        if (_isMainThreadBody) _il.Emit(OpCodes.Pop);
        else _il.Emit(OpCodes.Brtrue, restore);
        // With local-variable access the parameters go to slots, which need frameTop: stored below.
        if (!LocalAccess) EmitStoreParameters(parameters);
        if (LocalAccess)
        {
            EmitRecordSlotBase();
            EmitStoreParameters(parameters);
        }
        EmitCallHook();
        _il.Emit(OpCodes.Br, bodyStart);

        EmitOutOfLineHooks();
        if (!_isMainThreadBody)
        {
            EmitResumePoints();
            _il.MarkLabel(restore);
            EmitRestore();
            _il.MarkLabel(_saveLabel);
            EmitSave();
        }

        // The JIT gives each call site of a function its own native stack temporaries, so a function's native
        // frame grows with its code. A huge one (generated code, 50,000-term expressions) would overflow a
        // thread's stack in its prologue, before any check can run: a crash, not a Lua error. Until huge
        // functions are split into several methods, they are refused with a clear error.
        if (_il.ILOffset > MaxFunctionILSize)
            throw new LuaException(LuaString.FromUtf8(
                $"{_ctx.ShortSource}:{_body.Line}: function too large to compile (over {MaxFunctionILSize / 1024} KiB of IL); split it into smaller functions"));
        ApplyTieringPolicy();
        EmitMainThreadBody();
    }

    /// <summary>
    /// The most IL one Lua function may compile to (see EmitBody): about 15,000 operations, whose native frame
    /// still fits the default 1.5 MiB stack of a .NET thread with room to spare.
    /// </summary>
    internal const int MaxFunctionILSize = 1024 * 1024;

    private void EmitStoreParameters(List<LocalSymbol> parameters)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            LoadParameterOnEntry(i);
            StoreNewVariable(parameters[i]);
        }
    }

    // ---------------- coroutine save / restore ----------------

    private void EmitSave()
    {
        // A frame restored from a state saves into that same state (only the resume point changes; the
        // function, argument base and count are this invocation's): a coroutine that yields in a loop
        // then rents, clears and gives back no state per yield. A frame not restored (a first yield) rents one.
        var frame = _frameState;
        var fill = _il.DefineLabel();
        var rent = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, frame);
        _il.Emit(OpCodes.Brfalse, rent);
        _il.Emit(OpCodes.Ldloc, frame);
        _il.Emit(OpCodes.Ldloc, _resumePoint);
        _il.Emit(OpCodes.Stfld, FrameStateResumePoint);
        _il.Emit(OpCodes.Br, fill);
        _il.MarkLabel(rent);
        _il.Emit(OpCodes.Ldarg_1); // the thread's pool of frame states: a yield in a loop allocates none
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldarg_3);
        _il.Emit(OpCodes.Ldloc, _resumePoint);
        _il.Emit(OpCodes.Ldc_I4, _savedLocals.Count);
        _il.Emit(OpCodes.Callvirt, RentFrameState);
        _il.Emit(OpCodes.Stloc, frame);
        _il.MarkLabel(fill);
        for (int i = 0; i < _savedLocals.Count; i++)
        {
            var local = _savedLocals[i];
            _il.Emit(OpCodes.Ldloc, frame);
            _il.Emit(OpCodes.Ldfld, FrameStateLocals);
            _il.Emit(OpCodes.Ldc_I4, i);
            _il.Emit(OpCodes.Ldloc, local);
            if (local.LocalType == typeof(int)) _il.Emit(OpCodes.Call, BoxInt);
            else if (local.LocalType == typeof(double)) _il.Emit(OpCodes.Call, BoxDouble);
            else if (local.LocalType != typeof(LuaValue)) _il.Emit(OpCodes.Call, BoxObject);
            _il.Emit(OpCodes.Stelem, typeof(LuaValue));
        }
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Ldloc, frame);
        _il.Emit(OpCodes.Call, SaveFrame);
        EmitReturnStatus();
    }

    private void EmitRestore()
    {
        // Kept for the save block (see EmitSave); null in an invocation that was not restored (locals start zeroed).
        var frame = _frameState = _il.DeclareLocal(typeof(CompiledFrameState));
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Call, TakeRestoringFrame);
        _il.Emit(OpCodes.Stloc, frame);
        for (int i = 0; i < _savedLocals.Count; i++)
        {
            var local = _savedLocals[i];
            _il.Emit(OpCodes.Ldloc, frame);
            _il.Emit(OpCodes.Ldfld, FrameStateLocals);
            _il.Emit(OpCodes.Ldc_I4, i);
            _il.Emit(OpCodes.Ldelem, typeof(LuaValue));
            if (local.LocalType == typeof(int)) _il.Emit(OpCodes.Call, UnboxInt);
            else if (local.LocalType == typeof(double)) _il.Emit(OpCodes.Call, UnboxDouble);
            else if (local.LocalType == typeof(UpvalueCell)) _il.Emit(OpCodes.Call, UnboxCell);
            _il.Emit(OpCodes.Stloc, local);
        }
        EmitRecordSlotBase();
        _il.Emit(OpCodes.Ldloc, frame);
        _il.Emit(OpCodes.Ldfld, FrameStateResumePoint);
        _il.Emit(OpCodes.Switch, _resumePoints.Select(r => r.Resume).ToArray());
        _il.Emit(OpCodes.Ldstr, "corrupt coroutine frame");
        _il.Emit(OpCodes.Newobj, typeof(InvalidOperationException).GetConstructor(new[] { typeof(string) })!);
        _il.Emit(OpCodes.Throw);
    }

    /// <summary>Each call site's re-entry: resume the callee's saved frame, then continue as after the call.</summary>
    private void EmitResumePoints()
    {
        foreach (var (resume, emitReentry) in _resumePoints)
        {
            _il.MarkLabel(resume);
            emitReentry();
        }
    }

    /// <summary>
    /// After an operation whose metamethod may have yielded: if it did, save the frame; on resume, finish
    /// the metamethod and take its converted result (into <paramref name="result"/>, when given).
    /// </summary>
    private void EmitMetaYieldCheck(LocalBuilder? result, bool truth, int site)
    {
        if (_isMainThreadBody) return; // a metamethod on the main thread cannot yield
        var done = _il.DefineLabel();
        int k = _resumePoints.Count;
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadMetaYieldPending);
        _il.Emit(OpCodes.Brfalse, done);
        LdThread();
        _il.Emit(OpCodes.Call, ClearMetaYield);
        _il.Emit(OpCodes.Ldc_I4, k);
        _il.Emit(OpCodes.Stloc, _resumePoint);
        _il.Emit(OpCodes.Br, _saveLabel);
        _resumeSites.Add(site);
        _resumePoints.Add((_il.DefineLabel(), () =>
        {
            var finished = _il.DefineLabel();
            LdThread();
            _il.Emit(OpCodes.Ldc_I4, site);
            _il.Emit(OpCodes.Stfld, ThreadCurrentSite);
            LdThread();
            _il.Emit(OpCodes.Call, ThreadResumeSuspended);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Bge, finished);
            _il.Emit(OpCodes.Ldc_I4, k);
            _il.Emit(OpCodes.Stloc, _resumePoint);
            _il.Emit(OpCodes.Br, _saveLabel);
            _il.MarkLabel(finished);
            if (result is not null)
            {
                LdThread();
                _il.Emit(OpCodes.Ldfld, ThreadMetaResult);
                if (truth) _il.Emit(OpCodes.Call, IsTruthy);
                _il.Emit(OpCodes.Stloc, result);
            }
            _il.Emit(OpCodes.Br, done);
        }));
        _il.MarkLabel(done);
    }

    // ---------------- locals, temps, constants, sites ----------------

    private LocalBuilder NewLocal(Type type)
    {
        var local = _il.DeclareLocal(type);
        _savedLocals.Add(local);
        return local;
    }

    private LocalBuilder NewValueTemp() => _freeValueTemps.Count > 0 ? _freeValueTemps.Pop() : NewLocal(typeof(LuaValue));
    private LocalBuilder NewIntTemp() => _freeIntTemps.Count > 0 ? _freeIntTemps.Pop() : NewLocal(typeof(int));
    private void FreeIntTemp(LocalBuilder local) => _freeIntTemps.Push(local);

    private void Release(Operand op)
    {
        if (!op.IsTemp) return;
        if (op.ClearOnRelease)
        {
            ClearLocal(op.Local!);
        }
        _freeValueTemps.Push(op.Local!);
    }

    /// <summary>Gives the variable its IL local: a LuaValue, or an UpvalueCell when captured.</summary>
    private LocalBuilder DeclareVariable(LocalSymbol symbol)
    {
        // Each variable has an IL local of its own: sharing one with temps or an earlier variable (whose scope
        // ended) makes the JIT keep values in memory instead of registers (a numeric loop ran 50% slower).
        var local = NewLocal(symbol.IsCaptured ? typeof(UpvalueCell) : typeof(LuaValue));
        _vars[symbol] = local;
        _scopeVariables.Add(symbol);
        return local;
    }

    /// <summary>Stores the LuaValue on the IL stack into a variable being declared (a fresh cell when captured).</summary>
    private void StoreNewVariable(LocalSymbol symbol)
    {
        if (!_vars.TryGetValue(symbol, out var local)) local = DeclareVariable(symbol);
        if (LocalAccess)
        {
            if (symbol.IsCaptured)
            {
                _il.Emit(OpCodes.Newobj, CellNew);
                _il.Emit(OpCodes.Stloc, local);
                _il.Emit(OpCodes.Ldloc, local);
                _il.Emit(OpCodes.Call, FromObject); // the slot holds the cell: getlocal reads through it
            }
            StoreToLocalSlot(SlotOf(symbol));
            Activate(symbol);
            return;
        }
        if (symbol.IsCaptured) _il.Emit(OpCodes.Newobj, CellNew);
        _il.Emit(OpCodes.Stloc, local);
    }

    private FieldBuilder StringConstant(byte[] bytes)
    {
        string key = Encoding.Latin1.GetString(bytes);
        if (_stringConstants.TryGetValue(key, out var field)) return field;
        field = _constsType.DefineField("K" + _stringConstants.Count, typeof(LuaString), FieldAttributes.Public);
        _stringConstants.Add(key, field);
        // Interned, so the same name in every chunk is one object: key compares and site hints hit by reference.
        _staticValues.Add((field, StringInterner.Intern(bytes)));
        return field;
    }

    private FieldBuilder StringConstant(string latin1) => StringConstant(Encoding.Latin1.GetBytes(latin1));

    /// <summary>
    /// A per-site cache for a constant-key lookup: a static int the table uses to remember where the key
    /// was found last time (see LuaTable.GetStr with a slot hint), so a hit needs no hashing.
    /// </summary>
    private FieldBuilder NewSiteHint()
    {
        // A type holds at most 65,535 fields, and a hint is only a cache: past the cap, sites share the
        // last hint (a miss costs one hash lookup), so a 100,000-long t.b.b.b... chain still compiles.
        if (_hintCount >= MaxSiteHints) return _sharedHint ??= _constsType.DefineField(HintPrefix + "shared", typeof(int), FieldAttributes.Public);
        return _constsType.DefineField(HintPrefix + _hintCount++, typeof(int), FieldAttributes.Public);
    }

    private const int MaxSiteHints = 8192;
    private int _hintCount;
    private FieldBuilder? _sharedHint;

    private FieldBuilder StaticObject(Type type, object value)
    {
        var field = _constsType.DefineField("S" + _staticValues.Count, type, FieldAttributes.Public);
        _staticValues.Add((field, value));
        return field;
    }

    /// <summary>A site: a place that can raise or call, identified by the int compiled code stores in CurrentSite.</summary>
    private int Site(int line, string? name = null, bool isMethod = false, string? description = null)
    {
        // The kind is the first word of the operand description: "global 'f'" -> "global".
        string? kind = description is null ? null : description[..description.IndexOf(' ')];
        if (Stripped)
        {
            line = 0;
            (name, kind) = StrippedCallName(name, kind);
        }
        int i;
        // With local-variable access each site is its own: two sites on a line may see different locals.
        if (LocalAccess) RecordSiteLocals();
        else if (_siteIndex.TryGetValue((line, name, isMethod, kind), out i)) return i;
        i = _siteLines.Count;
        _siteLines.Add(line);
        _siteNames.Add(name);
        _siteIsMethod.Add(isMethod);
        _siteNameKinds.Add(kind);
        _siteIndex.TryAdd((line, name, isMethod, kind), i);
        return i;
    }

    // ---------------- small IL helpers ----------------

    private void LdThread() => _il.Emit(OpCodes.Ldarg_1);

    /// <summary>Pushes a field of the constants object (a string constant, a per-prototype object).</summary>
    private void LdConst(FieldBuilder field)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, _constsField);
        _il.Emit(OpCodes.Ldfld, field);
    }

    /// <summary>Pushes the address of a field of the constants object (a site hint, passed by ref).</summary>
    private void LdConstAddress(FieldBuilder field)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, _constsField);
        _il.Emit(OpCodes.Ldflda, field);
    }

    /// <summary>Pushes frameTop + slot: the absolute stack index of a frame slot.</summary>
    private void LdSlotIndex(int slot)
    {
        _il.Emit(OpCodes.Ldloc, _frameTop);
        if (slot != 0)
        {
            _il.Emit(OpCodes.Ldc_I4, slot);
            _il.Emit(OpCodes.Add);
        }
        if (slot + 1 > _maxDepth) _maxDepth = slot + 1;
    }

    /// <summary>Pushes the frame's current top: metamethods called on a slow path put their arguments there.</summary>
    private void LdTop() => LdSlotIndex(_depth);

    private void LdName(string? name)
    {
        if (Stripped && name is not null) name = StrippedDescription(name);
        if (name is null) _il.Emit(OpCodes.Ldnull);
        else _il.Emit(OpCodes.Ldstr, name);
    }

    /// <summary>Stack[frameTop + slot] = operand.</summary>
    private void StoreSlot(int slot, Operand value)
    {
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadStack);
        LdSlotIndex(slot);
        Load(value);
        _il.Emit(OpCodes.Stelem, typeof(LuaValue));
    }

    private void LoadSlot(int slot)
    {
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadStack);
        LdSlotIndex(slot);
        _il.Emit(OpCodes.Ldelem, typeof(LuaValue));
    }

    private void EmitBackEdge(int line)
    {
        _backEdgeCount++;
        LdThread();
        _il.Emit(OpCodes.Ldc_I4, Site(line));
        _il.Emit(OpCodes.Call, BackEdge);
    }
}
