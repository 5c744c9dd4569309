namespace Tidegate.Lua.Syntax;

public sealed partial class Parser
{
    private FunctionBody ParseMainChunk()
    {
        _fs = null!;
        OpenFunction(0, isVararg: true);
        Next(); // read the first token
        Block body = Chunk();
        if (_tok.Kind != TokenKind.Eof) throw ErrorExpected(TokenKind.Eof);
        int endLine = _lex.Line;
        CloseFunction();
        return new FunctionBody { Parameters = new List<string>(), IsVararg = true, Body = body, Line = 0, EndLine = endLine };
    }

    /// <summary>Statements up to a block end. In Lua 5.1 <c>return</c> and <c>break</c> end the list.</summary>
    private Block Chunk()
    {
        SynLevelBegin();
        var statements = new List<Stmt>();
        bool isLast = false;
        while (!isLast && !IsBlockEnd(_tok.Kind))
        {
            isLast = Statement(statements);
            Opt(TokenKind.Semicolon);
        }
        SynLevelEnd();
        return new Block { Statements = statements, EndLine = _lex.Line };
    }

    /// <summary>A chunk in a scope of its own.</summary>
    private Block ScopedBlock()
    {
        ScopeBegin(loop: false);
        Block block = Chunk();
        ScopeEnd();
        return block;
    }

    /// <summary>Parses one statement into <paramref name="into"/>; true when it must be the last one.</summary>
    private bool Statement(List<Stmt> into)
    {
        int line = _lex.Line;
        switch (_tok.Kind)
        {
            case TokenKind.If:
                into.Add(IfStatement(line));
                return false;
            case TokenKind.While:
                into.Add(WhileStatement(line));
                return false;
            case TokenKind.Do:
            {
                Next();
                Block body = ScopedBlock();
                Match(TokenKind.End, TokenKind.Do, line);
                into.Add(new DoStmt { Body = body, Line = line });
                return false;
            }
            case TokenKind.For:
                into.Add(ForStatement(line));
                return false;
            case TokenKind.Repeat:
                into.Add(RepeatStatement(line));
                return false;
            case TokenKind.Function:
                into.Add(FunctionStatement(line));
                return false;
            case TokenKind.Local:
                Next();
                into.Add(LocalStatement(line));
                return false;
            case TokenKind.Return:
                into.Add(ReturnStatement(line));
                return true;
            case TokenKind.Break:
                Next();
                AddGoto(BreakName, _lastLine);
                into.Add(new BreakStmt { Line = line });
                return true;
            case TokenKind.DoubleColon:
                LabelStatement(into, line);
                return false;
            case TokenKind.Goto:
                // "goto" is a statement only when a name follows; otherwise it is an ordinary name.
                if (Lookahead() == TokenKind.Name)
                {
                    Next();
                    string label = Name();
                    AddGoto(label, _lastLine);
                    into.Add(new GotoStmt { Label = label, Line = line });
                    return false;
                }
                goto default;
            default:
                into.Add(CallOrAssignment(line));
                return false;
        }
    }

    private IfStmt IfStatement(int line)
    {
        var clauses = new List<IfClause>();
        clauses.Add(ConditionAndThenBlock());
        while (_tok.Kind == TokenKind.Elseif) clauses.Add(ConditionAndThenBlock());
        Block? elseBlock = null;
        if (_tok.Kind == TokenKind.Else)
        {
            Next();
            elseBlock = ScopedBlock();
        }
        Match(TokenKind.End, TokenKind.If, line);
        return new IfStmt { Clauses = clauses, Else = elseBlock, Line = line };
    }

    private IfClause ConditionAndThenBlock()
    {
        int line = _lex.Line;
        Next(); // 'if' or 'elseif'
        Expr condition = Expression();
        Check(TokenKind.Then);
        Block body = ScopedBlock();
        return new IfClause { Condition = condition, Body = body, Line = line };
    }

    private WhileStmt WhileStatement(int line)
    {
        Next();
        Expr condition = Expression();
        ScopeBegin(loop: true);
        Check(TokenKind.Do);
        Block body = ScopedBlock();
        Match(TokenKind.End, TokenKind.While, line);
        ScopeEnd();
        return new WhileStmt { Condition = condition, Body = body, Line = line };
    }

    private RepeatStmt RepeatStatement(int line)
    {
        ScopeBegin(loop: true);
        ScopeBegin(loop: false); // the body's scope, which the condition still sees
        Next();
        Block body = Chunk();
        Match(TokenKind.Until, TokenKind.Repeat, line);
        Expr condition = Expression();
        // With a captured local in the body, LuaJIT leaves the loop through an extra break.
        if (_fs.Block!.HasCapturedLocal) AddGoto(BreakName, _lastLine);
        ScopeEnd();
        ScopeEnd();
        return new RepeatStmt { Body = body, Condition = condition, Line = line };
    }

    private Stmt ForStatement(int line)
    {
        ScopeBegin(loop: true);
        Next();
        string first = Name();
        Stmt result;
        if (_tok.Kind == TokenKind.Assign)
            result = NumericFor(first, line);
        else if (_tok.Kind is TokenKind.Comma or TokenKind.In)
            result = GenericFor(first, line);
        else
            throw ErrorNearToken("'=' or 'in' expected");
        Match(TokenKind.End, TokenKind.For, line);
        ScopeEnd();
        return result;
    }

    private NumericForStmt NumericFor(string variable, int line)
    {
        // Three hidden control slots precede the visible variable, as in LuaJIT.
        DeclareLocal(0, "(for index)");
        DeclareLocal(1, "(for limit)");
        DeclareLocal(2, "(for step)");
        DeclareLocal(3, variable);
        Check(TokenKind.Assign);
        Expr start = Expression();
        Check(TokenKind.Comma);
        Expr limit = Expression();
        Expr? step = Opt(TokenKind.Comma) ? Expression() : null;
        ActivateLocals(3);
        Check(TokenKind.Do);
        ScopeBegin(loop: false);
        ActivateLocals(1);
        Block body = ScopedBlock();
        ScopeEnd();
        return new NumericForStmt { Variable = variable, Start = start, Limit = limit, Step = step, Body = body, Line = line };
    }

    private GenericForStmt GenericFor(string first, int line)
    {
        DeclareLocal(0, "(for generator)");
        DeclareLocal(1, "(for state)");
        DeclareLocal(2, "(for control)");
        DeclareLocal(3, first);
        var variables = new List<string> { first };
        while (Opt(TokenKind.Comma))
        {
            string name = Name();
            DeclareLocal(3 + variables.Count, name);
            variables.Add(name);
        }
        Check(TokenKind.In);
        var values = new List<Expr>();
        ExpressionList(values);
        ActivateLocals(3);
        Check(TokenKind.Do);
        ScopeBegin(loop: false);
        ActivateLocals(variables.Count);
        Block body = ScopedBlock();
        ScopeEnd();
        return new GenericForStmt { Variables = variables, Values = values, Body = body, Line = line };
    }

    private FunctionStmt FunctionStatement(int line)
    {
        Next();
        int nameLine = _lex.Line;
        string name = Name();
        NoteNameUse(name);
        Expr target = new NameExpr { Name = name, Line = nameLine };
        // The name tracebacks show: "a.b.c:m".
        var fullName = new System.Text.StringBuilder(name);
        while (_tok.Kind == TokenKind.Dot)
        {
            target = FieldSuffix(target, out string field);
            fullName.Append('.').Append(field);
        }
        bool isMethod = false;
        if (_tok.Kind == TokenKind.Colon)
        {
            isMethod = true;
            target = FieldSuffix(target, out string method);
            fullName.Append(':').Append(method);
        }
        var body = FunctionBodyAfterKeyword(isMethod, line, fullName.ToString());
        // LuaJIT charges the store of the new function to the 'function' line.
        target = target switch
        {
            IndexExpr ix => DischargedAt(ix, line),
            NameExpr n when n.Line != line => new NameExpr { Name = n.Name, Line = line },
            var other => other,
        };
        return new FunctionStmt { Target = target, Body = body, IsMethod = isMethod, Line = line };
    }

    private Stmt LocalStatement(int line)
    {
        if (Opt(TokenKind.Function))
        {
            string name = Name();
            DeclareLocal(0, name);
            ActivateLocals(1); // the name is in scope inside its own body
            var body = FunctionBodyAfterKeyword(needSelf: false, _lex.Line, name);
            return new LocalFunctionStmt { Name = name, Body = body, Line = line };
        }
        var names = new List<string>();
        do
        {
            string name = Name();
            DeclareLocal(names.Count, name);
            names.Add(name);
        } while (Opt(TokenKind.Comma));
        var values = new List<Expr>();
        if (Opt(TokenKind.Assign)) ExpressionList(values);
        ActivateLocals(names.Count);
        return new LocalStmt { Names = names, Values = values, Line = line };
    }

    private ReturnStmt ReturnStatement(int line)
    {
        Next();
        var values = new List<Expr>();
        if (!IsBlockEnd(_tok.Kind) && _tok.Kind != TokenKind.Semicolon) ExpressionList(values);
        return new ReturnStmt { Values = values, Line = line };
    }

    // "::name::", and the labels directly following it, which LuaJIT parses one level deeper each.
    private void LabelStatement(List<Stmt> into, int line)
    {
        var block = _fs.Block!;
        Next(); // '::'
        string name = Name();
        // Only this block's own labels clash; one in an enclosing block may be redefined.
        if (!(block.LabelNames ??= new()).Add(name)) throw ErrorNoToken("duplicate label '" + name + "'");
        ReserveVStackEntry();
        int slot = _fs.ActiveCount;
        Check(TokenKind.DoubleColon);
        into.Add(new LabelStmt { Label = name, Line = line });
        while (_tok.Kind == TokenKind.DoubleColon)
        {
            SynLevelBegin();
            LabelStatement(into, _lex.Line);
            SynLevelEnd();
        }
        // A label at the very end of a block is outside the scope of the block's locals
        // (not so before 'until', whose condition still sees them).
        if (IsBlockEnd(_tok.Kind) && _tok.Kind != TokenKind.Until) slot = block.ActiveAtStart;
        ResolveForwardGotos(block, name, slot);
    }

    private Stmt CallOrAssignment(int line)
    {
        Expr first = PrimaryExpression();
        if (first is CallExpr or MethodCallExpr) return new CallStmt { Call = first, Line = line };
        var targets = new List<Expr> { first };
        for (;;)
        {
            Expr last = targets[^1];
            if (last is not (NameExpr or IndexExpr)) throw ErrorNearToken("syntax error");
            if (!Opt(TokenKind.Comma)) break;
            Expr next = PrimaryExpression();
            if (_level + targets.Count >= MaxSyntaxLevels) throw LimitError(_fs, MaxSyntaxLevels, "variable names");
            targets.Add(next);
        }
        Check(TokenKind.Assign);
        var values = new List<Expr>();
        ExpressionList(values);
        // The stores happen once all values are computed, so LuaJIT charges them (and a failing
        // "attempt to index" on a target) to the line where the value list ends.
        for (int i = 0; i < targets.Count; i++)
        {
            targets[i] = targets[i] switch
            {
                IndexExpr ix => DischargedAt(ix, _lastLine),
                NameExpr n when n.Line != _lastLine => new NameExpr { Name = n.Name, Line = _lastLine },
                var other => other,
            };
        }
        return new AssignStmt { Targets = targets, Values = values, Line = line };
    }
}
