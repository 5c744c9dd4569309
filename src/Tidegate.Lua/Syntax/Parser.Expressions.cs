using System.Text;

namespace Tidegate.Lua.Syntax;

public sealed partial class Parser
{
    // Unary operators bind tighter than everything but '^' (so -2^2 is -(2^2)).
    private const int UnaryPriority = 8;

    /// <summary>
    /// Lua 5.1's binary operators with their (left, right) priorities; a right priority below the
    /// left one makes the operator right-associative ('^' and '..').
    /// </summary>
    private static bool TryBinaryOp(TokenKind kind, out BinaryOp op, out int left, out int right)
    {
        (op, left, right) = kind switch
        {
            TokenKind.Plus => (BinaryOp.Add, 6, 6),
            TokenKind.Minus => (BinaryOp.Sub, 6, 6),
            TokenKind.Star => (BinaryOp.Mul, 7, 7),
            TokenKind.Slash => (BinaryOp.Div, 7, 7),
            TokenKind.Percent => (BinaryOp.Mod, 7, 7),
            TokenKind.Caret => (BinaryOp.Pow, 10, 9),
            TokenKind.Concat => (BinaryOp.Concat, 5, 4),
            TokenKind.NotEqual => (BinaryOp.Ne, 3, 3),
            TokenKind.Equal => (BinaryOp.Eq, 3, 3),
            TokenKind.Less => (BinaryOp.Lt, 3, 3),
            TokenKind.GreaterEqual => (BinaryOp.Ge, 3, 3),
            TokenKind.LessEqual => (BinaryOp.Le, 3, 3),
            TokenKind.Greater => (BinaryOp.Gt, 3, 3),
            TokenKind.And => (BinaryOp.And, 2, 2),
            TokenKind.Or => (BinaryOp.Or, 1, 1),
            _ => (default(BinaryOp), -1, -1),
        };
        return left >= 0;
    }

    private Expr Expression() => BinaryExpression(0);

    /// <summary>Parses operands joined by operators binding tighter than <paramref name="limit"/>.</summary>
    private Expr BinaryExpression(int limit)
    {
        SynLevelBegin();
        Expr left = UnaryExpression();
        while (TryBinaryOp(_tok.Kind, out var op, out int leftPriority, out int rightPriority) && leftPriority > limit)
        {
            Next();
            left = DischargedAt(left, _lastLine);
            Expr right = BinaryExpression(rightPriority);
            left = new BinaryExpr { Op = op, Left = left, Right = right, Line = _lastLine };
        }
        SynLevelEnd();
        return left;
    }

    private Expr UnaryExpression()
    {
        UnaryOp op;
        switch (_tok.Kind)
        {
            case TokenKind.Not: op = UnaryOp.Not; break;
            case TokenKind.Minus: op = UnaryOp.Neg; break;
            case TokenKind.Hash: op = UnaryOp.Len; break;
            default: return SimpleExpression();
        }
        Next();
        Expr operand = BinaryExpression(UnaryPriority);
        // LuaJIT folds the minus into an imaginary literal (flipping only the imaginary part's sign):
        // "-2i" is 0-2i, while negating a complex at run time is an error.
        Expr literal = operand;
        while (literal is ParenExpr paren) literal = paren.Inner;
        if (op == UnaryOp.Neg && literal is CDataLiteralExpr { IsImaginary: true } imaginary)
            return new CDataLiteralExpr { Bits = imaginary.Bits ^ long.MinValue, IsUnsigned = false, IsImaginary = true, Line = imaginary.Line };
        return new UnaryExpr { Op = op, Operand = operand, Line = _lastLine };
    }

    /// <summary>A number literal, or a 64-bit integer cdata literal when it carries LuaJIT's LL/ULL suffix.</summary>
    private Expr NumberOrCDataLiteral(int line)
    {
        if (_tok.Length > 2)
        {
            var text = _lex.TokenText(_tok);
            if (Ffi.CDataLiteral.HasInt64Suffix(text) && Ffi.CDataLiteral.TryParse(text, out long bits, out bool unsigned))
                return new CDataLiteralExpr { Bits = bits, IsUnsigned = unsigned, Line = line };
        }
        if (_tok.Length > 1)
        {
            var text = _lex.TokenText(_tok);
            if (Ffi.CDataLiteral.IsImaginary(text) && NumberLiteral.Parse(text[..^1], out double imaginary) == NumberLiteralKind.Number)
                return new CDataLiteralExpr { Bits = BitConverter.DoubleToInt64Bits(imaginary), IsUnsigned = false, IsImaginary = true, Line = line };
        }
        return new NumberExpr { Value = _tok.Number, Line = line };
    }

    private Expr SimpleExpression()
    {
        int line = _lex.Line;
        Expr e;
        switch (_tok.Kind)
        {
            case TokenKind.Number: e = NumberOrCDataLiteral(line); break;
            case TokenKind.String: e = new StringExpr { Value = _tok.String!, Line = line, Quote = _tok.Quote, LongLevel = _tok.LongLevel }; break;
            case TokenKind.Nil: e = new NilExpr { Line = line }; break;
            case TokenKind.True: e = new TrueExpr { Line = line }; break;
            case TokenKind.False: e = new FalseExpr { Line = line }; break;
            case TokenKind.Dots:
                if (!_fs.IsVararg) throw ErrorNearToken("cannot use '...' outside a vararg function");
                e = new VarargExpr { Line = line };
                break;
            case TokenKind.LeftBrace:
                return TableConstructor();
            case TokenKind.Function:
                Next();
                // LuaJIT dates an anonymous function from the token after 'function'.
                var body = FunctionBodyAfterKeyword(needSelf: false, _lex.Line, name: null);
                return new FunctionExpr { Body = body, Line = body.Line };
            default:
                return PrimaryExpression();
        }
        Next();
        return e;
    }

    /// <summary>A name or parenthesised expression followed by any field, index, method and call suffixes.</summary>
    private Expr PrimaryExpression()
    {
        Expr v;
        if (_tok.Kind == TokenKind.LeftParen)
        {
            int line = _lex.Line;
            Next();
            Expr inner = Expression();
            Match(TokenKind.RightParen, TokenKind.LeftParen, line);
            v = new ParenExpr { Inner = DischargedAt(inner, _lastLine), Line = line };
        }
        else if (_tok.Kind is TokenKind.Name or TokenKind.Goto)
        {
            int line = _lex.Line;
            string name = Name();
            NoteNameUse(name);
            v = new NameExpr { Name = name, Line = line };
        }
        else
        {
            throw ErrorNearToken("unexpected symbol");
        }

        for (;;)
        {
            switch (_tok.Kind)
            {
                case TokenKind.Dot:
                    v = FieldSuffix(v, out _);
                    break;
                case TokenKind.LeftBracket:
                {
                    Next();
                    Expr key = Expression();
                    Check(TokenKind.RightBracket);
                    v = new IndexExpr { Object = v, Key = key, Line = _lastLine };
                    break;
                }
                case TokenKind.Colon:
                {
                    Next();
                    string method = Name();
                    v = DischargedAt(v, _lastLine);
                    var args = CallArguments(out int callLine, out var syntax);
                    v = new MethodCallExpr { Object = v, Method = method, Arguments = args, Line = callLine, Syntax = syntax };
                    break;
                }
                case TokenKind.LeftParen:
                case TokenKind.String:
                case TokenKind.LeftBrace:
                {
                    var args = CallArguments(out int callLine, out var syntax);
                    v = new CallExpr { Function = v, Arguments = args, Line = callLine, Syntax = syntax };
                    break;
                }
                default:
                    return v;
            }
        }
    }

    /// <summary><c>.name</c> (or <c>:name</c> in a function statement) after <paramref name="obj"/>.</summary>
    private IndexExpr FieldSuffix(Expr obj, out string name)
    {
        Next();
        int keyLine = _lex.Line;
        name = Name();
        var key = new StringExpr { Value = Encoding.Latin1.GetBytes(name), Line = keyLine };
        return new IndexExpr { Object = obj, Key = key, IsDotted = true, Line = _lastLine };
    }

    private List<Expr> CallArguments(out int line, out CallSyntax syntax)
    {
        line = _lex.Line;
        var open = NearText();
        var args = new List<Expr>();
        switch (_tok.Kind)
        {
            case TokenKind.LeftParen:
                // Lua 5.1's rule, kept by LuaJIT: "f\n(g)" is rejected rather than guessed at.
                if (line != _lastLine) throw ErrorNearToken("ambiguous syntax (function call x new statement)");
                Next();
                if (_tok.Kind != TokenKind.RightParen) ExpressionList(args);
                Match(TokenKind.RightParen, TokenKind.LeftParen, line);
                if (args.Count > 0) args[^1] = DischargedAt(args[^1], _lastLine);
                break;
            case TokenKind.LeftBrace:
                args.Add(TableConstructor());
                break;
            case TokenKind.String:
                args.Add(new StringExpr { Value = _tok.String!, Line = line, Quote = _tok.Quote, LongLevel = _tok.LongLevel });
                Next();
                break;
            default:
                throw ErrorNearToken("function arguments expected");
        }
        syntax = new CallSyntax(open, NearText(), _lex.Line);
        return args;
    }

    private TableExpr TableConstructor()
    {
        int line = _lex.Line;
        var fields = new List<TableField>();
        Check(TokenKind.LeftBrace);
        while (_tok.Kind != TokenKind.RightBrace)
        {
            if (_tok.Kind == TokenKind.LeftBracket)
            {
                Next();
                Expr key = Expression();
                Check(TokenKind.RightBracket);
                Check(TokenKind.Assign);
                Expr value = Expression();
                fields.Add(new TableField { Kind = TableFieldKind.Keyed, Key = key, Value = value, Line = _lastLine });
            }
            else if ((_tok.Kind is TokenKind.Name or TokenKind.Goto) && Lookahead() == TokenKind.Assign)
            {
                int keyLine = _lex.Line;
                var key = new StringExpr { Value = Encoding.Latin1.GetBytes(Name()), Line = keyLine };
                Check(TokenKind.Assign);
                Expr value = Expression();
                fields.Add(new TableField { Kind = TableFieldKind.Named, Key = key, Value = value, Line = _lastLine });
            }
            else
            {
                Expr value = Expression();
                fields.Add(new TableField { Kind = TableFieldKind.Positional, Value = value, Line = _lastLine });
            }
            if (!Opt(TokenKind.Comma) && !Opt(TokenKind.Semicolon)) break;
        }
        Match(TokenKind.RightBrace, TokenKind.LeftBrace, line);
        return new TableExpr { Fields = fields, Line = line };
    }

    private void ExpressionList(List<Expr> into)
    {
        into.Add(Expression());
        while (Opt(TokenKind.Comma))
        {
            into[^1] = DischargedAt(into[^1], _lastLine);
            into.Add(Expression());
        }
    }

    /// <summary>
    /// LuaJIT emits a table read only when the value is next needed: after the following operator,
    /// comma or closing parenthesis has been read. When that token is on a later line, the read
    /// (and so its "attempt to index" error) belongs to that line; this re-dates the node to match.
    /// </summary>
    private static Expr DischargedAt(Expr e, int line)
        => e is IndexExpr ix && ix.Line != line
            ? new IndexExpr { Object = ix.Object, Key = ix.Key, IsDotted = ix.IsDotted, Line = line }
            : e;

    /// <summary>
    /// Parameters and body of a function whose <c>function</c> keyword (and name, if any) is consumed.
    /// <paramref name="line"/> is the line LuaJIT records as the function's definition line.
    /// </summary>
    private FunctionBody FunctionBodyAfterKeyword(bool needSelf, int line, string? name)
    {
        OpenFunction(line, isVararg: false);
        var parameters = new List<string>();
        bool isVararg = false;
        int sourceStart = _tok.Start;
        Check(TokenKind.LeftParen);
        if (needSelf) { DeclareLocal(parameters.Count, "self"); parameters.Add("self"); }
        if (_tok.Kind != TokenKind.RightParen)
        {
            do
            {
                if (_tok.Kind is TokenKind.Name or TokenKind.Goto)
                {
                    string p = Name();
                    DeclareLocal(parameters.Count, p);
                    parameters.Add(p);
                }
                else if (_tok.Kind == TokenKind.Dots)
                {
                    Next();
                    isVararg = true;
                    break;
                }
                else
                {
                    throw ErrorNearToken("<name> or '...' expected");
                }
            } while (Opt(TokenKind.Comma));
        }
        ActivateLocals(parameters.Count);
        _fs.IsVararg = isVararg;
        Check(TokenKind.RightParen);
        Block body = Chunk();
        if (_tok.Kind != TokenKind.End) Match(TokenKind.End, TokenKind.Function, line);
        int endLine = _lex.Line;
        int sourceEnd = _tok.Start + _tok.Length;
        CloseFunction();
        Next(); // 'end'
        return new FunctionBody
        {
            Parameters = parameters,
            IsVararg = isVararg,
            Body = body,
            Line = line,
            EndLine = endLine,
            SourceStart = sourceStart,
            SourceEnd = sourceEnd,
            IsMethod = needSelf,
            Name = name,
        };
    }
}
