namespace Tidegate.Lua.Syntax;

// The abstract syntax tree the parser produces and the binder and emitter consume.
// Every node has the source line it starts on (1-based), for error messages and debug info.
// Identifiers are System.String holding one char per source byte (Latin-1), so no byte is lost;
// string literals are byte arrays.

public abstract class Node
{
    public int Line { get; init; }
}

// ---------------- expressions ----------------

public abstract class Expr : Node { }

public sealed class NilExpr : Expr { }
public sealed class TrueExpr : Expr { }
public sealed class FalseExpr : Expr { }
/// <summary><c>...</c></summary>
public sealed class VarargExpr : Expr { }

public sealed class NumberExpr : Expr
{
    public required double Value { get; init; }
}

/// <summary>A 64-bit integer literal (<c>1LL</c>, <c>0x10ULL</c>) or an imaginary one (<c>2i</c>, whose
/// <see cref="Bits"/> are the double's): an FFI cdata, made by <see cref="Ffi.CDataLiteral.Box"/>.</summary>
public sealed class CDataLiteralExpr : Expr
{
    public required long Bits { get; init; }
    public required bool IsUnsigned { get; init; }
    public bool IsImaginary { get; init; }
}

public sealed class StringExpr : Expr
{
    public required byte[] Value { get; init; }
    /// <summary>How the literal was written (for errors quoting it): its quote byte, or 0 for a long string of <see cref="LongLevel"/>.</summary>
    public byte Quote { get; init; } = (byte)'"';
    public int LongLevel { get; init; }
}

/// <summary>A name: a local, an upvalue or a global. The binder fills in <see cref="Symbol"/>.</summary>
public sealed class NameExpr : Expr
{
    public required string Name { get; init; }
    /// <summary>Set by the binder: the local variable this name refers to, or null for a global.</summary>
    public Binding.LocalSymbol? Symbol { get; set; }
}

/// <summary><c>obj[key]</c>, and <c>obj.name</c> with a <see cref="StringExpr"/> key.</summary>
public sealed class IndexExpr : Expr
{
    public required Expr Object { get; init; }
    public required Expr Key { get; init; }
    /// <summary>True for the <c>obj.name</c> form (messages then say "field 'name'").</summary>
    public bool IsDotted { get; init; }
}

public sealed class CallExpr : Expr
{
    public required Expr Function { get; init; }
    public required List<Expr> Arguments { get; init; }
    public required CallSyntax Syntax { get; init; }
}

/// <summary>
/// Where a call's register limit errors point (LuaJIT checks its registers while parsing): the token that
/// opens the arguments ('(', '{' or the string), and the token after them with its line. The texts are as
/// an error's "near" quotes them (null: no "near" part).
/// </summary>
public sealed record CallSyntax(byte[]? OpenNear, byte[]? AfterNear, int AfterLine);

/// <summary><c>obj:name(args)</c>.</summary>
public sealed class MethodCallExpr : Expr
{
    public required Expr Object { get; init; }
    public required string Method { get; init; }
    public required List<Expr> Arguments { get; init; }
    public required CallSyntax Syntax { get; init; }
}

public sealed class FunctionExpr : Expr
{
    public required FunctionBody Body { get; init; }
}

/// <summary><c>( expr )</c>: kept because it truncates a call or vararg to one value.</summary>
public sealed class ParenExpr : Expr
{
    public required Expr Inner { get; init; }
}

public enum BinaryOp
{
    Add, Sub, Mul, Div, Mod, Pow, Concat,
    Eq, Ne, Lt, Le, Gt, Ge,
    And, Or,
}

public sealed class BinaryExpr : Expr
{
    public required BinaryOp Op { get; init; }
    public required Expr Left { get; init; }
    public required Expr Right { get; init; }
}

public enum UnaryOp { Neg, Not, Len }

public sealed class UnaryExpr : Expr
{
    public required UnaryOp Op { get; init; }
    public required Expr Operand { get; init; }
}

public enum TableFieldKind
{
    /// <summary><c>{ v }</c></summary>
    Positional,
    /// <summary><c>{ name = v }</c> (Key is a StringExpr)</summary>
    Named,
    /// <summary><c>{ [k] = v }</c></summary>
    Keyed,
}

public sealed class TableField
{
    public required TableFieldKind Kind { get; init; }
    public Expr? Key { get; init; }
    public required Expr Value { get; init; }
    public int Line { get; init; }
}

public sealed class TableExpr : Expr
{
    public required List<TableField> Fields { get; init; }
}

// ---------------- statements ----------------

public abstract class Stmt : Node { }

public sealed class Block
{
    public required List<Stmt> Statements { get; init; }
    /// <summary>The line of the token that ends the block (<c>end</c>, <c>until</c>, <c>else</c>, EOF).</summary>
    public int EndLine { get; init; }
}

/// <summary><c>local a, b = e1, e2</c></summary>
public sealed class LocalStmt : Stmt
{
    public required List<string> Names { get; init; }
    public required List<Expr> Values { get; init; }
    /// <summary>Set by the binder, one per name.</summary>
    public List<Binding.LocalSymbol>? Symbols { get; set; }
}

/// <summary><c>local function name() ... end</c> (the name is in scope inside the body).</summary>
public sealed class LocalFunctionStmt : Stmt
{
    public required string Name { get; init; }
    public required FunctionBody Body { get; init; }
    public Binding.LocalSymbol? Symbol { get; set; }
}

/// <summary>
/// <c>function a.b.c:m() ... end</c> and <c>function f() end</c>: <see cref="Target"/> is the NameExpr or
/// IndexExpr assigned to; for the method form the body already has the implicit <c>self</c> parameter.
/// </summary>
public sealed class FunctionStmt : Stmt
{
    public required Expr Target { get; init; }
    public required FunctionBody Body { get; init; }
    public bool IsMethod { get; init; }
}

/// <summary><c>t1, t2 = e1, e2</c>; targets are NameExpr or IndexExpr.</summary>
public sealed class AssignStmt : Stmt
{
    public required List<Expr> Targets { get; init; }
    public required List<Expr> Values { get; init; }
}

/// <summary>A call used as a statement (its results are discarded).</summary>
public sealed class CallStmt : Stmt
{
    public required Expr Call { get; init; } // CallExpr or MethodCallExpr
}

public sealed class DoStmt : Stmt
{
    public required Block Body { get; init; }
}

public sealed class WhileStmt : Stmt
{
    public required Expr Condition { get; init; }
    public required Block Body { get; init; }
}

/// <summary><c>repeat ... until cond</c> (cond sees the body's locals).</summary>
public sealed class RepeatStmt : Stmt
{
    public required Block Body { get; init; }
    public required Expr Condition { get; init; }
}

public sealed class IfClause
{
    public required Expr Condition { get; init; }
    public required Block Body { get; init; }
    public int Line { get; init; }
}

public sealed class IfStmt : Stmt
{
    /// <summary>The <c>if</c> clause followed by the <c>elseif</c> clauses.</summary>
    public required List<IfClause> Clauses { get; init; }
    public Block? Else { get; init; }
}

public sealed class NumericForStmt : Stmt
{
    public required string Variable { get; init; }
    public required Expr Start { get; init; }
    public required Expr Limit { get; init; }
    public Expr? Step { get; init; }
    public required Block Body { get; init; }
    public Binding.LocalSymbol? Symbol { get; set; }
}

public sealed class GenericForStmt : Stmt
{
    public required List<string> Variables { get; init; }
    public required List<Expr> Values { get; init; }
    public required Block Body { get; init; }
    public List<Binding.LocalSymbol>? Symbols { get; set; }
}

public sealed class ReturnStmt : Stmt
{
    public required List<Expr> Values { get; init; }
}

public sealed class BreakStmt : Stmt { }

public sealed class GotoStmt : Stmt
{
    public required string Label { get; init; }
}

public sealed class LabelStmt : Stmt
{
    public required string Label { get; init; }
}

// ---------------- functions and chunks ----------------

public sealed class FunctionBody
{
    public required List<string> Parameters { get; init; }
    public bool IsVararg { get; init; }
    public required Block Body { get; init; }
    /// <summary>The line of <c>function</c> (0 for a main chunk) and of the closing <c>end</c>.</summary>
    public int Line { get; init; }
    public int EndLine { get; init; }
    /// <summary>
    /// Byte offsets in the chunk of the parameter list's '(' and just after the closing <c>end</c>: the
    /// function's text for string.dump. Both 0 for a main chunk (the whole source).
    /// </summary>
    public int SourceStart { get; init; }
    public int SourceEnd { get; init; }
    /// <summary>Defined with <c>function a:b()</c>: its first parameter, <c>self</c>, is not in its text.</summary>
    public bool IsMethod { get; init; }
    /// <summary>A name for tracebacks when the syntax gives one (<c>function a.b:c()</c> → "a.b:c").</summary>
    public string? Name { get; init; }
    /// <summary>Set by the binder: one per parameter (and <c>self</c> first for methods).</summary>
    public List<Binding.LocalSymbol>? ParameterSymbols { get; set; }
    /// <summary>Set by the binder: scope facts the emitter needs (upvalues, captured locals, ...).</summary>
    public Binding.FunctionInfo? Info { get; set; }
}

/// <summary>A parsed chunk: a vararg main function.</summary>
public sealed class Chunk
{
    /// <summary>The chunk name as shown in messages: "t.lua", "stdin", <c>[string "..."]</c>.</summary>
    public required string ChunkName { get; init; }
    public required FunctionBody Main { get; init; }
    /// <summary>
    /// The raw chunk name ("@t.lua", "=stdin", or the source text), one char per byte: what
    /// <c>debug.getinfo(f).source</c> returns. Set by the parser.
    /// </summary>
    public string? Source { get; init; }
}
