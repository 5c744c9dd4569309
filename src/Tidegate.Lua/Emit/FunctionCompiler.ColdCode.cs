using System.Reflection.Emit;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Emit;

// Code that runs once: the top level of a main chunk its loader runs once (a script file, a module), outside loops.
internal sealed partial class FunctionCompiler
{
    /// <summary>The method's generator when it has code that runs once (see <see cref="ColdCodeILGenerator"/>), else null.</summary>
    private ColdCodeILGenerator? _coldIL;

    /// <summary>
    /// The generator for the function's Invoke. A main chunk whose loader runs it once (ChunkContext.MainRunsOnce)
    /// gets one that calls the out-of-line twins of the fast-path helpers while the code is cold: the .NET JIT
    /// then compiles the setup lines as plain calls and spends its time on the loops (see <see cref="ColdHelpers"/>).
    /// </summary>
    private ILGenerator InvokeGenerator(ILGenerator il)
    {
        if (!_ctx.MainRunsOnce || _info.Parent is not null || HasBackwardGoto()) return il;
        return _coldIL = new ColdCodeILGenerator(il) { Cold = true };
    }

    /// <summary>
    /// Marks the code of <paramref name="stmt"/> hot when it is a loop (its body, condition and the numeric copy
    /// run many times); returns what to restore after it (<see cref="EndColdStatement"/>).
    /// </summary>
    private bool BeginColdStatement(Stmt stmt)
    {
        if (_coldIL is null) return false;
        bool wasCold = _coldIL.Cold;
        if (stmt is WhileStmt or RepeatStmt or NumericForStmt or GenericForStmt) _coldIL.Cold = false;
        return wasCold;
    }

    private void EndColdStatement(bool wasCold)
    {
        if (_coldIL is not null) _coldIL.Cold = wasCold;
    }

    /// <summary>
    /// A goto to a label on its own line or an earlier one may jump backwards, which makes a loop of the code in
    /// between: such a chunk keeps the inlined form everywhere (a forward goto repeats nothing).
    /// </summary>
    private bool HasBackwardGoto()
    {
        foreach (var (go, label) in _info.GotoTargets)
            if (label.Line <= go.Line) return true;
        return false;
    }
}
