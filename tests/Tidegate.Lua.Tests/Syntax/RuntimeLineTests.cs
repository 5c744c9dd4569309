using System.Text;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Tests.Syntax;

/// <summary>
/// Node lines are the lines LuaJIT reports for a run-time error in that operation. Each case is a
/// multi-line program whose error line was taken from luajit; the node is found by its kind and name
/// ("index a" is the indexing whose object is named or keyed 'a').
/// </summary>
public class RuntimeLineTests
{
    [Theory]
    [InlineData("t = {} x\n= t\n.\na\n. b == 1\n", "index a", 5)]
    [InlineData("f\n{ 1 ,\n2 } ", "call f", 2)]
    [InlineData("x = a\n..\n\"s\"\n", "binary Concat", 3)]
    [InlineData("t = {} x\n, t\n. a\n.\nb = 1 , 2 ", "index a", 5)]
    [InlineData("x = a\n.. \"s\"\n", "binary Concat", 2)]
    [InlineData("x =\n# a\n", "unary Len", 2)]
    [InlineData("x\n= a * 2 ", "binary Mul", 2)]
    [InlineData("t = {} x\n=\nnot\nt . a . b\n", "index a", 4)]
    [InlineData("t = {} if t .\na .\nb\nthen\nend ", "index a", 3)]
    [InlineData("x\n=\na\n* 2\n", "binary Mul", 4)]
    [InlineData("t = {} local p\n,\nq\n= 1 ,\nt .\na .\nb ", "index a", 7)]
    [InlineData("t = {} x\n= ( t\n.\na )\n. b ", "index a", 5)]
    [InlineData("t = {} x = t .\na . b .. \"s\" ", "index a", 2)]
    [InlineData("t = {} x\n=\nt\n.\na\n. b and 1 ", "index a", 6)]
    [InlineData("print ( a .\nb ,\n2\n)\n", "index a", 2)]
    [InlineData("t = {} x\n, t . a . b = 1\n, 2 ", "index a", 3)]
    [InlineData("x\n=\n1\n.. a ", "binary Concat", 4)]
    [InlineData("x =\n1\n.. a\n", "binary Concat", 3)]
    [InlineData("obj = {} obj\n:\nm ( 1 ) ", "method m", 3)]
    [InlineData("t = {} x = t\n.\na\n. b and\n1 ", "index a", 4)]
    [InlineData("x\n= - a ", "unary Neg", 2)]
    [InlineData("x = a\n. b\n", "index a", 2)]
    [InlineData("x\n= 1 +\na ", "binary Add", 3)]
    [InlineData("x = a *\n2\n", "binary Mul", 2)]
    [InlineData("local y\n= { k\n=\na . b ,\n2\n}\n", "index a", 4)]
    [InlineData("t = {} x\n, t .\na . b = 1 ,\n2\n", "index a", 4)]
    [InlineData("t = {} x = t\n. a\n: m ( )\n", "method m", 3)]
    [InlineData("a . b =\n1\n", "index a", 2)]
    [InlineData("x =\n1 +\na\n", "binary Add", 3)]
    [InlineData("t = {} x =\nt\n. a\n.\nb ..\n\"s\"\n", "index a", 5)]
    [InlineData("t = {} x = (\nt\n.\na\n) . b ", "index a", 5)]
    [InlineData("t = {} x = t .\na .\nb\n==\n1 ", "index a", 4)]
    [InlineData("x = \"s\"\n..\na ..\n\"t\"\n", "binary Concat", 4)]
    [InlineData("a .\nb\n= 1\n", "index a", 3)]
    [InlineData("t = {} for\nk in t .\na . b\ndo end ", "index a", 3)]
    [InlineData("obj = {} obj :\nm ( 1 ) ", "method m", 2)]
    [InlineData("t = {} x\n,\nt\n. a\n. b\n=\n1 , 2\n", "index a", 7)]
    [InlineData("x =\na .\nb\n", "index a", 3)]
    [InlineData("t = {} t . x\n.\ny =\n1\n", "index x", 4)]
    [InlineData("x =\na\n..\n\"s\"\n", "binary Concat", 4)]
    [InlineData("t = {} x\n,\nt\n.\na\n.\nb = 1 , 2\n", "index a", 7)]
    [InlineData("t = {} local p ,\nq = 1\n,\nt\n. a\n.\nb\n", "index a", 7)]
    [InlineData("x\n= f (\n) + 1\n", "call f", 2)]
    [InlineData("t = {} x =\n( t . a )\n.\nb ", "index a", 4)]
    [InlineData("local y = {\nk\n= a . b\n, 2 } ", "index a", 3)]
    [InlineData("a . b\n= 1\n", "index a", 2)]
    [InlineData("t = {} x\n= t [\nt . a\n. b ] ", "index a", 4)]
    [InlineData("t = {} x\n=\n{ t .\na\n. b\n, t\n.\na . c }\n", "index a", 5)]
    [InlineData("t = {} x\n= 1\n+\nt . a\n.\nb * 2\n", "index a", 6)]
    [InlineData("print ( a\n.\nb , 2 ) ", "index a", 3)]
    [InlineData("x\n=\n1 +\na\n", "binary Add", 4)]
    [InlineData("t = {} x\n= t .\na\n. b and\n1\n", "index a", 4)]
    [InlineData("t = {} x = t . a\n. b\n+ 1 ", "index a", 3)]
    [InlineData("t = {} x = t . a . b\n.. \"s\" ", "index a", 2)]
    [InlineData("t = {} x\n= (\nt . a . b\n) ", "index a", 4)]
    [InlineData("t = {} local p ,\nq\n=\nt .\na\n. b , 1\n", "index a", 6)]
    [InlineData("t = {} local p ,\nq = 1\n, t . a\n. b ", "index a", 4)]
    [InlineData("x = a\n.\nb\n", "index a", 3)]
    [InlineData("x\n= a\n. b ", "index a", 3)]
    [InlineData("t = {} x\n=\n{ t . a .\nb\n,\nt\n. a\n. c\n}\n", "index a", 4)]
    public void NodeLineIsTheLineLuaJitReports(string source, string node, int expectedLine)
    {
        var chunk = Parser.Parse(Encoding.Latin1.GetBytes(source), "@t.lua");
        var found = AllNodes(chunk.Main.Body).FirstOrDefault(n => Describe(n) == node);
        Assert.NotNull(found);
        Assert.Equal(expectedLine, found!.Line);
    }

    private static string Describe(Expr e) => e switch
    {
        IndexExpr i => "index " + NameOf(i.Object),
        CallExpr c => "call " + NameOf(c.Function),
        MethodCallExpr m => "method " + m.Method,
        BinaryExpr b => "binary " + b.Op,
        UnaryExpr u => "unary " + u.Op,
        _ => "",
    };

    private static string NameOf(Expr e) => e switch
    {
        ParenExpr p => NameOf(p.Inner),
        NameExpr n => n.Name,
        IndexExpr { Key: StringExpr s } => Encoding.Latin1.GetString(s.Value),
        _ => "?",
    };

    private static IEnumerable<Expr> AllNodes(Block block)
    {
        foreach (var s in block.Statements)
            foreach (var e in Children(s))
                foreach (var n in Walk(e))
                    yield return n;
    }

    private static IEnumerable<Expr> Children(Stmt s) => s switch
    {
        AssignStmt a => a.Targets.Concat(a.Values),
        LocalStmt l => l.Values,
        CallStmt c => new[] { c.Call },
        ReturnStmt r => r.Values,
        IfStmt i => i.Clauses.Select(c => c.Condition),
        WhileStmt w => new[] { w.Condition },
        NumericForStmt f => new[] { f.Start, f.Limit },
        GenericForStmt g => g.Values,
        FunctionStmt f => new[] { f.Target },
        _ => Array.Empty<Expr>(),
    };

    private static IEnumerable<Expr> Walk(Expr e)
    {
        yield return e;
        IEnumerable<Expr> children = e switch
        {
            IndexExpr i => new[] { i.Object, i.Key },
            CallExpr c => c.Arguments.Prepend(c.Function),
            MethodCallExpr m => m.Arguments.Prepend(m.Object),
            BinaryExpr b => new[] { b.Left, b.Right },
            UnaryExpr u => new[] { u.Operand },
            ParenExpr p => new[] { p.Inner },
            TableExpr t => t.Fields.SelectMany(f => f.Key is null ? new[] { f.Value } : new[] { f.Key, f.Value }),
            _ => Array.Empty<Expr>(),
        };
        foreach (var c in children)
            foreach (var n in Walk(c))
                yield return n;
    }
}
