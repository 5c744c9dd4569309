using System.Reflection;
using System.Reflection.Emit;
using Tidegate.Lua.Runtime;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// The main-thread body: a second copy of the function's body without the yield machinery.
//
// Code running on a thread that is not a coroutine (the main thread) can never be suspended: coroutine.yield there
// is an error, and a yield inside a coroutine unwinds only that coroutine's frames. Yet the ordinary body pays for
// yields everywhere: a yield test after every call and metamethod slow path, a resume point per call site, a
// restore block whose `switch` jumps into the middle of loop bodies (which makes those loops multiple-entry for the
// .NET JIT, so it skips its loop optimisations), and a save block that reads every local (keeping them all live).
// That is about half of a numeric function's IL, and a large part of the JIT's time on it.
//
// So a chunk compiled with main-thread bodies (ChunkContext.MainThreadBodies) gives each function a second body,
// emitted from the same syntax tree by a sibling FunctionCompiler with IsMainThreadBody set, into LuaFunction's
// main-thread entries (InvokeMain, and Invoke1Main..Invoke4Main for a direct entry). That body:
// - has no restore test in its prologue, no resume points, no save or restore block;
// - after a call, still runs pending tail calls (a negative status), but never expects a Yield back;
// - calls other functions through their main-thread entries (a known callee's main direct entry, the virtual
//   InvokeMain/InvokeNMain otherwise), since everything it calls runs on its own thread: a coroutine.resume or
//   wrap is a host function, which switches to the coroutine's thread and calls the ordinary entry there.
// A function that looks like a coroutine's body (FunctionInfo.RunsInCoroutine: passed to coroutine.create/wrap, or
// calling coroutine.yield) gets no main-thread body: its main-thread entries keep LuaFunction's defaults, the
// ordinary entries, which main-thread bodies then call (a known callee without a main direct entry takes the
// general call path).
// Host code calling into Lua (pcall, metamethods, sort comparators, tail-call trampolines) picks the entry by the
// thread (LuaThread.InvokeFunction), so the main-thread body never runs on a coroutine; a host path that calls the
// ordinary entry on the main thread is still correct, only slower. Everything else (sites, errors, tracebacks,
// frame records, tail calls, number-loop copies) is emitted by the same code as for the ordinary body; sites
// are shared with it (the same prototype tables).
internal sealed partial class FunctionCompiler
{
    /// <summary>True in the sibling compiler emitting the main-thread body (no yield machinery).</summary>
    private readonly bool _isMainThreadBody;

    /// <summary>The main-thread entry (InvokeMain override), defined up front when the chunk has main-thread bodies.</summary>
    private MethodBuilder? _mainInvoke;

    /// <summary>The main-thread direct entry (Invoke{n}Main), when the function has a direct entry and main-thread bodies.</summary>
    private MethodBuilder? _mainDirectEntry;

    /// <summary>The sibling that emitted the main-thread body, after EmitBody (tiering asks it for its method).</summary>
    private FunctionCompiler? _mainThreadBody;

    /// <summary>Prefix of the member names the body defines on the constants type (site hints), unique per body.</summary>
    private string HintPrefix => _isMainThreadBody ? "MH" : "H";

    /// <summary>
    /// Defines the main-thread entries (from the constructor, after the ordinary direct entry): call sites in other
    /// functions' main-thread bodies need a known callee's main direct entry before its body is emitted.
    /// </summary>
    private void DefineMainThreadEntries()
    {
        // A coroutine's body would run its main-thread body only when called outside one (see RunsInCoroutine).
        if (!_ctx.MainThreadBodies || _info.RunsInCoroutine) return;
        _mainInvoke = _type.DefineMethod("InvokeMain",
            MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig | MethodAttributes.Final,
            typeof(int), new[] { typeof(LuaThread), typeof(int), typeof(int) });
        _type.DefineMethodOverride(_mainInvoke, FunctionInvokeMain);
        if (_directEntry is not null) _mainDirectEntry = DefineArityEntries(FunctionInvokeNMain, "Main");
    }

    /// <summary>The sibling compiler for the main-thread body: shares the type, the constants and the site tables.</summary>
    private FunctionCompiler(FunctionCompiler ordinary)
    {
        _isMainThreadBody = true;
        _ctx = ordinary._ctx;
        _body = ordinary._body;
        _info = ordinary._info;
        _type = ordinary._type;
        _constsType = ordinary._constsType;
        _protoField = ordinary._protoField;
        _constsStatic = ordinary._constsStatic;
        _constsField = ordinary._constsField;
        _constsCtor = ordinary._constsCtor;
        _staticValues = ordinary._staticValues;
        _stringConstants = ordinary._stringConstants;
        _siteLines = ordinary._siteLines;
        _siteNames = ordinary._siteNames;
        _siteIsMethod = ordinary._siteIsMethod;
        _siteNameKinds = ordinary._siteNameKinds;
        _siteIndex = ordinary._siteIndex;
        _siteLocals = ordinary._siteLocals;
        _activeLines = ordinary._activeLines;
        _resumeSites = ordinary._resumeSites;
        Constructor = ordinary.Constructor;
        UpvalueFields = ordinary.UpvalueFields;
        _invoke = ordinary._mainInvoke!;
        _directEntry = ordinary._mainDirectEntry;
    }

    /// <summary>After the ordinary body: emits the main-thread body, when the chunk has them.</summary>
    private void EmitMainThreadBody()
    {
        if (_isMainThreadBody || _mainInvoke is null) return;
        _mainThreadBody = new FunctionCompiler(this);
        _mainThreadBody.EmitBody();
    }

    /// <summary>The entry a call site calls with arguments on the stack: the main-thread one in a main-thread body.</summary>
    private MethodInfo InvokeEntry => _isMainThreadBody ? FunctionInvokeMain : FunctionInvoke;

    /// <summary>The per-arity entry for <paramref name="count"/> arguments, as <see cref="InvokeEntry"/> chooses.</summary>
    private MethodInfo ArityEntry(int count) => (_isMainThreadBody ? FunctionInvokeNMain : FunctionInvokeN)[count]!;

    /// <summary>A known callee's direct entry for this body's call sites (its main-thread one in a main-thread body).</summary>
    private MethodBuilder? DirectEntryOf(FunctionCompiler callee) => _isMainThreadBody ? callee._mainDirectEntry : callee._directEntry;
}
