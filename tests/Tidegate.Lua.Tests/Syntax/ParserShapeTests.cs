using System.Text;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Tests.Syntax.SyntaxTestHelpers;

namespace Tidegate.Lua.Tests.Syntax;

public class ParserShapeTests
{
    private static Expr ValueOf(string source)
    {
        var stmt = Assert.IsType<AssignStmt>(Assert.Single(Parse(source).Main.Body.Statements));
        return Assert.Single(stmt.Values);
    }

    /// <summary>A compact rendering: binary and unary operations parenthesised.</summary>
    private static string Show(Expr e) => e switch
    {
        NumberExpr n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StringExpr s => "\"" + Encoding.Latin1.GetString(s.Value) + "\"",
        NameExpr n => n.Name,
        NilExpr => "nil",
        TrueExpr => "true",
        FalseExpr => "false",
        VarargExpr => "...",
        BinaryExpr b => "(" + Show(b.Left) + " " + b.Op + " " + Show(b.Right) + ")",
        UnaryExpr u => "(" + u.Op + " " + Show(u.Operand) + ")",
        ParenExpr p => "[" + Show(p.Inner) + "]",
        IndexExpr i => Show(i.Object) + (i.IsDotted ? "." + Encoding.Latin1.GetString(((StringExpr)i.Key).Value) : "[" + Show(i.Key) + "]"),
        CallExpr c => Show(c.Function) + "(" + string.Join(", ", c.Arguments.Select(Show)) + ")",
        MethodCallExpr m => Show(m.Object) + ":" + m.Method + "(" + string.Join(", ", m.Arguments.Select(Show)) + ")",
        TableExpr t => "{" + string.Join(", ", t.Fields.Select(f => f.Kind switch
        {
            TableFieldKind.Positional => Show(f.Value),
            TableFieldKind.Named => Encoding.Latin1.GetString(((StringExpr)f.Key!).Value) + "=" + Show(f.Value),
            _ => "[" + Show(f.Key!) + "]=" + Show(f.Value),
        })) + "}",
        FunctionExpr => "function",
        _ => e.GetType().Name,
    };

    [Theory]
    [InlineData("x = -2^2", "(Neg (2 Pow 2))")]
    [InlineData("x = 2^-3^2", "(2 Pow (Neg (3 Pow 2)))")]
    [InlineData("x = 2^3^2", "(2 Pow (3 Pow 2))")]
    [InlineData("x = a .. b .. c", "(a Concat (b Concat c))")]
    [InlineData("x = a - b - c", "((a Sub b) Sub c)")]
    [InlineData("x = a / b * c % d", "(((a Div b) Mul c) Mod d)")]
    [InlineData("x = 1 + 2 * 3", "(1 Add (2 Mul 3))")]
    [InlineData("x = a + b .. c + d", "((a Add b) Concat (c Add d))")]
    [InlineData("x = a .. b == c", "((a Concat b) Eq c)")]
    [InlineData("x = a < b == c", "((a Lt b) Eq c)")]
    [InlineData("x = not a == b", "((Not a) Eq b)")]
    [InlineData("x = #t + 1", "((Len t) Add 1)")]
    [InlineData("x = - - x", "(Neg (Neg x))")]
    [InlineData("x = a or b and c", "(a Or (b And c))")]
    [InlineData("x = a and b or c and d", "((a And b) Or (c And d))")]
    [InlineData("x = a == b and c ~= d", "((a Eq b) And (c Ne d))")]
    [InlineData("x = a <= b or a >= b or a > b", "(((a Le b) Or (a Ge b)) Or (a Gt b))")]
    [InlineData("x = 1 + 2 * 3 ^ 4 ^ 5 .. 6 < 7 and 8 or 9", "(((((1 Add (2 Mul (3 Pow (4 Pow 5)))) Concat 6) Lt 7) And 8) Or 9)")]
    [InlineData("x = (a + b) * c", "([(a Add b)] Mul c)")]
    [InlineData("x = (f())", "[f()]")]
    [InlineData("x = a.b[c]:d(e)", "a.b[c]:d(e)")]
    [InlineData("x = f \"s\" {1} (2)", "f(\"s\")({1})(2)")]
    [InlineData("x = a.goto", "a.goto")]
    [InlineData("x = goto", "goto")]
    [InlineData("x = {1, a=2; [3]=4, goto=5,}", "{1, a=2, [3]=4, goto=5}")]
    [InlineData("x = {f(), ...}", "{f(), ...}")]
    [InlineData("x = {}", "{}")]
    [InlineData("x = nil and true or false", "((nil And true) Or false)")]
    public void ExpressionShape(string source, string expected)
    {
        Assert.Equal(expected, Show(ValueOf(source)));
    }

    [Fact]
    public void MethodFunctionStatement()
    {
        var stmt = Assert.IsType<FunctionStmt>(Assert.Single(Parse("function a.b.c:m(x, ...) return self end").Main.Body.Statements));
        Assert.True(stmt.IsMethod);
        Assert.Equal("a.b.c.m", Show(stmt.Target));
        Assert.Equal(new[] { "self", "x" }, stmt.Body.Parameters);
        Assert.True(stmt.Body.IsVararg);
        Assert.Equal("a.b.c:m", stmt.Body.Name);
        Assert.IsType<ReturnStmt>(Assert.Single(stmt.Body.Body.Statements));
    }

    [Fact]
    public void PlainFunctionStatement()
    {
        var stmt = Assert.IsType<FunctionStmt>(Assert.Single(Parse("function f() end").Main.Body.Statements));
        Assert.False(stmt.IsMethod);
        Assert.Equal("f", Assert.IsType<NameExpr>(stmt.Target).Name);
        Assert.Empty(stmt.Body.Parameters);
        Assert.False(stmt.Body.IsVararg);
        Assert.Equal("f", stmt.Body.Name);
    }

    [Fact]
    public void Statements()
    {
        var body = Parse(
            "local a, b = 1\n" +
            "local function f(x) return x end\n" +
            "a, b.c, d[1] = 1, 2, 3\n" +
            "f(1)\n" +
            "a:m()\n" +
            "do end\n" +
            "while a do break end\n" +
            "repeat local z until z\n" +
            "if a then elseif b then else end\n" +
            "for i = 1, 10, 2 do end\n" +
            "for k, v in pairs(t) do end\n" +
            "goto done\n" +
            "::done::\n" +
            "return a, b;").Main.Body.Statements;
        Assert.Collection(body,
            s => { var l = Assert.IsType<LocalStmt>(s); Assert.Equal(new[] { "a", "b" }, l.Names); Assert.Single(l.Values); },
            s => { var l = Assert.IsType<LocalFunctionStmt>(s); Assert.Equal("f", l.Name); Assert.Equal(new[] { "x" }, l.Body.Parameters); },
            s => { var a = Assert.IsType<AssignStmt>(s); Assert.Equal(3, a.Targets.Count); Assert.Equal(3, a.Values.Count); },
            s => Assert.IsType<CallExpr>(Assert.IsType<CallStmt>(s).Call),
            s => Assert.IsType<MethodCallExpr>(Assert.IsType<CallStmt>(s).Call),
            s => Assert.IsType<DoStmt>(s),
            s => Assert.IsType<BreakStmt>(Assert.Single(Assert.IsType<WhileStmt>(s).Body.Statements)),
            s => Assert.IsType<NameExpr>(Assert.IsType<RepeatStmt>(s).Condition),
            s => { var i = Assert.IsType<IfStmt>(s); Assert.Equal(2, i.Clauses.Count); Assert.NotNull(i.Else); },
            s => { var f = Assert.IsType<NumericForStmt>(s); Assert.Equal("i", f.Variable); Assert.NotNull(f.Step); },
            s => { var f = Assert.IsType<GenericForStmt>(s); Assert.Equal(new[] { "k", "v" }, f.Variables); },
            s => Assert.Equal("done", Assert.IsType<GotoStmt>(s).Label),
            s => Assert.Equal("done", Assert.IsType<LabelStmt>(s).Label),
            s => Assert.Equal(2, Assert.IsType<ReturnStmt>(s).Values.Count));
    }

    [Fact]
    public void GotoAsAName()
    {
        // LuaJIT treats "goto" as a statement only when a name follows it.
        var body = Parse("local goto = 1 goto = goto + 1 t.goto = 2 ::goto:: goto goto2 ::goto2::").Main.Body.Statements;
        Assert.Equal("goto", Assert.IsType<LocalStmt>(body[0]).Names[0]);
        Assert.Equal("goto", Assert.IsType<NameExpr>(Assert.IsType<AssignStmt>(body[1]).Targets[0]).Name);
        Assert.IsType<AssignStmt>(body[2]);
        Assert.Equal("goto", Assert.IsType<LabelStmt>(body[3]).Label);
        Assert.Equal("goto2", Assert.IsType<GotoStmt>(body[4]).Label);
    }

    [Fact]
    public void MainChunkIsVararg()
    {
        var chunk = Parser.Parse("return ..."u8, "@t.lua");
        Assert.True(chunk.Main.IsVararg);
        Assert.Equal(0, chunk.Main.Line);
        Assert.Equal("t.lua", chunk.ChunkName);
        Assert.Equal("@t.lua", chunk.Source);
    }

    [Fact]
    public void LinesFollowLuaJit()
    {
        var chunk = Parse(
            "local x = a +\n" +    // 1
            "  b\n" +              // 2: the addition is charged to its last operand's line
            "f(\n" +               // 3: a call is charged to the line of its '('
            "  1)\n" +             // 4
            "local g = function\n" + // 5
            "(a)\n" +              // 6: an anonymous function is dated from the token after 'function'
            "end\n" +              // 7
            "t\n" +                // 8
            ".k = 1\n" +           // 9: a field is charged to its key's line
            "function h() end");   // 10
        var stmts = chunk.Main.Body.Statements;
        var add = Assert.IsType<BinaryExpr>(Assert.IsType<LocalStmt>(stmts[0]).Values[0]);
        Assert.Equal(2, add.Line);
        Assert.Equal(1, stmts[0].Line);
        Assert.Equal(3, Assert.IsType<CallStmt>(stmts[1]).Call.Line);
        var fn = Assert.IsType<FunctionExpr>(Assert.IsType<LocalStmt>(stmts[2]).Values[0]);
        Assert.Equal(6, fn.Body.Line);
        Assert.Equal(7, fn.Body.EndLine);
        var assign = Assert.IsType<AssignStmt>(stmts[3]);
        Assert.Equal(8, assign.Line);
        Assert.Equal(9, assign.Targets[0].Line);
        var h = Assert.IsType<FunctionStmt>(stmts[4]);
        Assert.Equal(10, h.Body.Line);
        Assert.Equal(10, chunk.Main.EndLine);
        Assert.Equal(10, chunk.Main.Body.EndLine);
    }

    [Fact]
    public void BlockEndLines()
    {
        var stmt = Assert.IsType<IfStmt>(Assert.Single(Parse("if a then\n x()\nelse\n y()\nend").Main.Body.Statements));
        Assert.Equal(3, stmt.Clauses[0].Body.EndLine);
        Assert.Equal(5, stmt.Else!.EndLine);
    }

    [Fact]
    public void LocalFunctionIsDatedFromItsParameterList()
    {
        var stmt = Assert.IsType<LocalFunctionStmt>(Assert.Single(Parse("local function f\n(\n) end").Main.Body.Statements));
        Assert.Equal(2, stmt.Body.Line);
        Assert.Equal(3, stmt.Body.EndLine);
    }
}
