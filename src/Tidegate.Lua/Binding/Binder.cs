using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Binding;

/// <summary>
/// Resolves names to locals, upvalues and globals; marks captured locals; resolves goto/label with
/// LuaJIT's rules and messages; enforces the limits LuaJIT has that scripts can hit.
/// Fills in the AST's Symbol/Symbols/ParameterSymbols/Info slots.
/// </summary>
public sealed class Binder
{
    private const int MaxLocals = 200; // LuaJIT's LJ_MAX_LOCVAR
    private const int MaxSlots = 250; // LuaJIT's LJ_MAX_SLOTS: registers per function

    /// <summary>
    /// The LuaJIT register the expression being bound lands in (-1: the first free one after the active
    /// locals). Only calls are modelled: their arguments take consecutive registers, which is how scripts
    /// reach "function or expression too complex" (other temporaries are not counted).
    /// </summary>
    private int _exprRegister = -1;

    private readonly string _shortSource;
    private FunctionScope _fn = null!;

    private Binder(string displayName) => _shortSource = displayName;

    public static void Bind(Chunk chunk)
    {
        var binder = new Binder(chunk.ChunkName);
        binder.BindFunction(chunk.Main, null);
    }

    /// <summary>The binder's view of one function being bound: its active locals and open blocks.</summary>
    private sealed class FunctionScope
    {
        public required FunctionInfo Info;
        public FunctionScope? Parent;
        public readonly List<LocalSymbol> Active = new();
        public BlockScope? Block;
        public int LoopDepth;
    }

    /// <summary>One block: where its locals start, its labels, and the gotos still looking for a label.</summary>
    private sealed class BlockScope
    {
        public BlockScope? Outer;
        public int FirstLocal;
        public bool IsRepeatBody;
        public readonly List<(LabelStmt Label, int ActiveCount, bool AtEnd)> Labels = new();
        public readonly List<PendingGoto> Gotos = new();
    }

    private sealed class PendingGoto
    {
        public required GotoStmt Goto;
        /// <summary>Active local count at the goto, in the block where it is now pending.</summary>
        public int ActiveCount;
    }

    private LuaException Error(int line, string message) => new(LuaString.FromUtf8($"{_shortSource}:{line}: {message}"));

    /// <summary>
    /// A call to coroutine.create/wrap with a function literal marks that function, and a call to coroutine.yield
    /// marks the calling function, as running in a coroutine (see FunctionInfo.RunsInCoroutine). Called after the
    /// call is bound (names resolved: a local named <c>coroutine</c> is not the library; the literal has its info).
    /// </summary>
    private void NoteCoroutineCall(CallExpr call)
    {
        if (call.Function is not IndexExpr { Object: NameExpr { Name: "coroutine", Symbol: null }, Key: StringExpr key }) return;
        if (key.Value.AsSpan().SequenceEqual("yield"u8)) _fn.Info.RunsInCoroutine = true;
        else if ((key.Value.AsSpan().SequenceEqual("create"u8) || key.Value.AsSpan().SequenceEqual("wrap"u8))
                 && call.Arguments is [FunctionExpr body, ..])
            body.Body.Info!.RunsInCoroutine = true;
    }

    private void BindFunction(FunctionBody body, FunctionScope? parent)
    {
        var info = new FunctionInfo { Parent = parent?.Info, Body = body };
        body.Info = info;
        parent?.Info.Children.Add(body);
        var saved = _fn;
        int savedRegister = _exprRegister;
        _exprRegister = -1;
        _fn = new FunctionScope { Info = info, Parent = parent };
        OpenBlock(false);
        var parameters = new List<LocalSymbol>();
        foreach (var p in body.Parameters) parameters.Add(Declare(p, body.Line));
        body.ParameterSymbols = parameters;
        BindStatements(body.Body);
        CloseBlock(body.Body.EndLine);
        _fn = saved;
        _exprRegister = savedRegister;
    }

    private LocalSymbol Declare(string name, int line)
    {
        var symbol = new LocalSymbol { Name = name, Function = _fn.Info };
        _fn.Active.Add(symbol);
        _fn.Info.LocalSlotCount++;
        if (_fn.Active.Count > MaxLocals)
        {
            string where = _fn.Parent is null ? "main function" : $"function at line {_fn.Info.Body.Line}";
            throw Error(line, $"{where} has more than {MaxLocals} local variables");
        }
        return symbol;
    }

    private void OpenBlock(bool isRepeatBody)
    {
        _fn.Block = new BlockScope { Outer = _fn.Block, FirstLocal = _fn.Active.Count, IsRepeatBody = isRepeatBody };
    }

    /// <summary>Closes a block: its pending gotos move out to the enclosing block (or fail at function level).</summary>
    private void CloseBlock(int endLine)
    {
        var block = _fn.Block!;
        _fn.Active.RemoveRange(block.FirstLocal, _fn.Active.Count - block.FirstLocal);
        _fn.Block = block.Outer;
        foreach (var g in block.Gotos)
        {
            if (block.Outer is null) throw Error(g.Goto.Line, $"undefined label '{g.Goto.Label}'");
            g.ActiveCount = Math.Min(g.ActiveCount, block.FirstLocal);
            block.Outer.Gotos.Add(g);
        }
    }

    private void BindBlock(Block block, bool isRepeatBody = false)
    {
        OpenBlock(isRepeatBody);
        BindStatements(block);
        CloseBlock(block.EndLine);
    }

    private void BindStatements(Block block)
    {
        var statements = block.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            if (statements[i] is LabelStmt label)
            {
                // A label followed only by labels ends the block: locals declared before it are out of
                // scope there (Lua 5.2's rule, which LuaJIT follows), except in a repeat body, whose
                // locals stay in scope for the until condition.
                bool atEnd = !_fn.Block!.IsRepeatBody;
                for (int j = i + 1; j < statements.Count && atEnd; j++) atEnd = statements[j] is LabelStmt;
                DefineLabel(label, atEnd);
            }
            else
            {
                BindStatement(statements[i]);
            }
        }
    }

    private void DefineLabel(LabelStmt label, bool atEnd)
    {
        for (var b = _fn.Block; b is not null; b = b.Outer)
            foreach (var l in b.Labels)
                if (l.Label.Label == label.Label)
                    throw Error(label.Line, $"duplicate label '{label.Label}'");
        var block = _fn.Block!;
        int active = _fn.Active.Count;
        block.Labels.Add((label, active, atEnd));
        // Earlier gotos in this block (or that came out of inner blocks) jump forward to it.
        for (int k = block.Gotos.Count - 1; k >= 0; k--)
        {
            var g = block.Gotos[k];
            if (g.Goto.Label != label.Label) continue;
            if (!atEnd && active > g.ActiveCount)
                throw Error(g.Goto.Line, $"<goto {label.Label}> jumps into the scope of local '{_fn.Active[g.ActiveCount].Name}'");
            _fn.Info.GotoTargets[g.Goto] = label;
            block.Gotos.RemoveAt(k);
        }
    }

    private void BindGoto(GotoStmt stmt)
    {
        // A backward goto: a label already visible in this block or an enclosing one.
        for (var b = _fn.Block; b is not null; b = b.Outer)
            foreach (var l in b.Labels)
                if (l.Label.Label == stmt.Label)
                {
                    _fn.Info.GotoTargets[stmt] = l.Label;
                    return;
                }
        _fn.Block!.Gotos.Add(new PendingGoto { Goto = stmt, ActiveCount = _fn.Active.Count });
    }

    private void BindStatement(Stmt stmt)
    {
        switch (stmt)
        {
            case LocalStmt s:
                foreach (var v in s.Values) BindExpr(v);
                s.Symbols = s.Names.Select(n => Declare(n, s.Line)).ToList();
                for (int i = 0; i < s.Symbols.Count && i < s.Values.Count; i++)
                    if (s.Values[i] is FunctionExpr fe)
                    {
                        s.Symbols[i].DeclaredFunction = fe.Body;
                        fe.Body.Info!.DeclaringSymbol = s.Symbols[i];
                    }
                break;
            case LocalFunctionStmt s:
                s.Symbol = Declare(s.Name, s.Line);
                s.Symbol.DeclaredFunction = s.Body;
                BindFunction(s.Body, _fn);
                s.Body.Info!.DeclaringSymbol = s.Symbol;
                break;
            case FunctionStmt s:
                BindExpr(s.Target);
                if (s.Target is NameExpr { Symbol: { } target }) target.IsAssigned = true;
                BindFunction(s.Body, _fn);
                break;
            case AssignStmt s:
                foreach (var t in s.Targets)
                {
                    BindExpr(t);
                    if (t is NameExpr { Symbol: { } assigned }) assigned.IsAssigned = true;
                }
                foreach (var v in s.Values) BindExpr(v);
                break;
            case CallStmt s:
                BindExpr(s.Call);
                break;
            case DoStmt s:
                BindBlock(s.Body);
                break;
            case WhileStmt s:
                BindExpr(s.Condition);
                _fn.LoopDepth++;
                BindBlock(s.Body);
                _fn.LoopDepth--;
                break;
            case RepeatStmt s:
                _fn.LoopDepth++;
                OpenBlock(true);
                BindStatements(s.Body);
                _fn.LoopDepth--;
                BindExpr(s.Condition); // sees the body's locals
                CloseBlock(s.Body.EndLine);
                break;
            case IfStmt s:
                foreach (var c in s.Clauses)
                {
                    BindExpr(c.Condition);
                    BindBlock(c.Body);
                }
                if (s.Else is not null) BindBlock(s.Else);
                break;
            case NumericForStmt s:
                BindExpr(s.Start);
                BindExpr(s.Limit);
                if (s.Step is not null) BindExpr(s.Step);
                _fn.Info.LocalSlotCount += 3; // (for index), (for limit), (for step)
                OpenBlock(false);
                s.Symbol = Declare(s.Variable, s.Line);
                _fn.LoopDepth++;
                BindBlock(s.Body);
                _fn.LoopDepth--;
                CloseBlock(s.Body.EndLine);
                break;
            case GenericForStmt s:
                foreach (var v in s.Values) BindExpr(v);
                _fn.Info.LocalSlotCount += 3; // (for generator), (for state), (for control)
                OpenBlock(false);
                s.Symbols = s.Variables.Select(n => Declare(n, s.Line)).ToList();
                _fn.LoopDepth++;
                BindBlock(s.Body);
                _fn.LoopDepth--;
                CloseBlock(s.Body.EndLine);
                break;
            case ReturnStmt s:
                foreach (var v in s.Values) BindExpr(v);
                break;
            case BreakStmt s:
                if (_fn.LoopDepth == 0) throw Error(s.Line, "no loop to break");
                break;
            case GotoStmt s:
                BindGoto(s);
                break;
            case LabelStmt s:
                DefineLabel(s, false);
                break;
            default:
                throw new InvalidOperationException("binder: unknown statement " + stmt.GetType().Name);
        }
    }

    private void BindExpr(Expr expr)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case NameExpr e:
                e.Symbol = Resolve(e.Name);
                break;
            case IndexExpr e:
            {
                // t.a.b.c... nests to the left: walk the chain in a loop, so 100,000 links need no deep stack.
                var chain = new List<IndexExpr>();
                Expr cur = e;
                while (cur is IndexExpr ix) { chain.Add(ix); cur = ix.Object; }
                BindExpr(cur);
                for (int i = chain.Count - 1; i >= 0; i--) BindExpr(chain[i].Key);
                break;
            }
            case CallExpr e:
            {
                // LuaJIT (two-slot frames): the function at r, the arguments from r + 2.
                int r = CurrentRegister;
                BindExpr(e.Function);
                CheckCallFrame(r + 2, e.Line, e.Syntax);
                BindArguments(e.Arguments, r + 2, e.Syntax);
                NoteCoroutineCall(e);
                break;
            }
            case MethodCallExpr e:
            {
                // The method at r, self at r + 2, the arguments from r + 3.
                int r = CurrentRegister;
                BindExpr(e.Object);
                CheckCallFrame(r + 3, e.Line, e.Syntax);
                BindArguments(e.Arguments, r + 3, e.Syntax);
                break;
            }
            case FunctionExpr e:
                BindFunction(e.Body, _fn);
                break;
            case ParenExpr e:
                BindExpr(e.Inner);
                break;
            case BinaryExpr e:
            {
                // a + b + c ... nests to the left: the same loop (the right operands are shallow).
                var chain = new List<BinaryExpr>();
                Expr cur = e;
                while (cur is BinaryExpr b) { chain.Add(b); cur = b.Left; }
                BindExpr(cur);
                for (int i = chain.Count - 1; i >= 0; i--) BindExpr(chain[i].Right);
                break;
            }
            case UnaryExpr e:
                BindExpr(e.Operand);
                break;
            case TableExpr e:
            {
                // The table is at r (reserved at '{'); each field's key and value are evaluated above it.
                if (CurrentRegister + 1 >= MaxSlots) throw TooComplex(e.Line, "{"u8.ToArray());
                int saved = _exprRegister;
                _exprRegister = CurrentRegister + 1;
                foreach (var f in e.Fields)
                {
                    if (f.Key is not null) BindExpr(f.Key);
                    BindExpr(f.Value);
                }
                _exprRegister = saved;
                break;
            }
            case VarargExpr e:
                if (!_fn.Info.Body.IsVararg)
                    throw Error(e.Line, "cannot use '...' outside a vararg function near '...'");
                break;
            case NilExpr or TrueExpr or FalseExpr or NumberExpr or StringExpr or CDataLiteralExpr:
                break;
            default:
                throw new InvalidOperationException("binder: unknown expression " + expr.GetType().Name);
        }
    }

    private int CurrentRegister => _exprRegister >= 0 ? _exprRegister : _fn.Active.Count;

    /// <summary>
    /// LuaJIT reserves a call's frame (function, frame link, self) when it reads the token that opens the
    /// arguments, and fails there when the frame would reach LJ_MAX_SLOTS.
    /// </summary>
    private void CheckCallFrame(int firstArgument, int line, CallSyntax syntax)
    {
        if (firstArgument >= MaxSlots) throw TooComplex(line, syntax.OpenNear);
    }

    /// <summary>Binds call arguments that go to registers from <paramref name="first"/>, with LuaJIT's limit on them.</summary>
    private void BindArguments(List<Expr> args, int first, CallSyntax syntax)
    {
        int saved = _exprRegister;
        for (int i = 0; i < args.Count; i++)
        {
            int register = first + i;
            _exprRegister = register;
            BindExpr(args[i]);
            // LuaJIT moves an argument to its register when it reads the token after it (the next argument's
            // first token after the comma, or the token after the arguments), and fails when the frame would
            // reach LJ_MAX_SLOTS. A last argument that is a call or '...' stays where it is (all its values).
            if (register + 1 >= MaxSlots)
            {
                if (i + 1 < args.Count)
                    throw TooComplex(args[i + 1].Line, System.Text.Encoding.Latin1.GetBytes(FirstToken(args[i + 1])));
                if (args[i] is VarargExpr) throw TooComplex(args[i].Line, "..."u8.ToArray());
                if (args[i] is not (CallExpr or MethodCallExpr))
                    throw TooComplex(syntax.AfterLine, syntax.AfterNear);
            }
        }
        _exprRegister = saved;
    }

    private LuaException TooComplex(int line, byte[]? near) =>
        LuaSyntaxException.Create(_shortSource, line, "function or expression too complex", near, near is not null);

    /// <summary>The first token of an expression as LuaJIT's "near" shows it.</summary>
    private static string FirstToken(Expr e) => e switch
    {
        NumberExpr n => LuaNumber.ToLuaString(n.Value).ToString(),
        StringExpr s => s.Quote != 0
            ? (char)s.Quote + System.Text.Encoding.Latin1.GetString(s.Value) + (char)s.Quote
            : "[" + new string('=', s.LongLevel) + "[" + System.Text.Encoding.Latin1.GetString(s.Value) + "]" + new string('=', s.LongLevel) + "]",
        NameExpr n => n.Name,
        NilExpr => "nil",
        TrueExpr => "true",
        FalseExpr => "false",
        VarargExpr => "...",
        FunctionExpr => "function",
        TableExpr => "{",
        ParenExpr => "(",
        UnaryExpr u => u.Op switch { UnaryOp.Not => "not", UnaryOp.Len => "#", _ => "-" },
        IndexExpr i => FirstToken(i.Object),
        CallExpr c => FirstToken(c.Function),
        MethodCallExpr m => FirstToken(m.Object),
        BinaryExpr b => FirstToken(b.Left),
        _ => "?",
    };

    /// <summary>Finds the innermost local named <paramref name="name"/>, making it an upvalue of every function between.</summary>
    private LocalSymbol? Resolve(string name)
    {
        for (var f = _fn; f is not null; f = f.Parent)
        {
            for (int i = f.Active.Count - 1; i >= 0; i--)
            {
                var symbol = f.Active[i];
                if (symbol.Name != name) continue;
                if (f != _fn)
                {
                    symbol.IsCaptured = true;
                    for (var g = _fn; g != f; g = g.Parent!) g.Info.AddUpvalue(symbol);
                }
                return symbol;
            }
        }
        return null;
    }
}
