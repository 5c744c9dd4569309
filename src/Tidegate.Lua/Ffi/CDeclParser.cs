namespace Tidegate.Lua.Ffi;

/// <summary>
/// LuaJIT's C declaration parser (lj_cparse), rebuilt: <see cref="ParseDeclarations"/> for
/// <c>ffi.cdef</c> (typedefs, struct/union/enum definitions, function and variable declarations) and
/// <see cref="ParseType"/> for the abstract declarators of <c>ffi.typeof</c>/<c>ffi.new</c>/... .
/// <c>$</c> takes the next of the caller's parameters: a <see cref="CType"/> where a type goes, a
/// number where a constant goes, a string where a name goes. Errors are LuaJIT's messages.
/// </summary>
public sealed class CDeclParser
{
    private readonly CTypeRegistry _reg;
    private readonly CLexer _lex;
    private readonly IReadOnlyList<object> _params;
    private int _nextParam;
    private CToken _tok;
    private int _pack;
    private readonly Stack<int> _packStack = new();
    private int _depth;
    /// <summary>In ffi.cdef a tag may be declared by use (<c>struct foo *p;</c>); in a type string it must exist.</summary>
    private bool _declaring;
    /// <summary>aligned(n) seen inside the last member declarator (before its suffixes).</summary>
    private int _declaratorAlign;

    /// <summary>How deeply declarators and expressions may nest before the input is refused (hostile input).</summary>
    private const int MaxDepth = 200;

    public CDeclParser(CTypeRegistry registry, string source, IReadOnlyList<object>? parameters = null)
    {
        _reg = registry;
        _lex = new CLexer(source);
        _params = parameters ?? Array.Empty<object>();
        _tok = _lex.Next();
    }

    // ---------------- entry points ----------------

    /// <summary>ffi.cdef: a sequence of declarations.</summary>
    public void ParseDeclarations()
    {
        _declaring = true;
        try { ParseDeclarationList(); }
        catch (CDeclException e) { throw WithLine(e); }
    }

    /// <summary>LuaJIT appends "at line N" to a declaration error past the first line.</summary>
    private CDeclException WithLine(CDeclException e) =>
        _tok.Line > 1 && !e.Message.Contains(" at line ") ? new CDeclException($"{e.Message} at line {_tok.Line}") : e;

    private void ParseDeclarationList()
    {
        // LuaJIT lets the final ';' be left out only when the text is a single declaration.
        bool first = true;
        while (_tok.Kind != CTokenKind.Eof)
        {
            if (_tok.Is(";")) { Advance(); first = false; continue; }
            if (_tok.Is("#")) { ParsePragma(); first = false; continue; }
            var spec = ParseSpecifiers(required: true);
            // Only a struct, union or enum may stand alone (it declares its tag); "int;" names nothing.
            if ((_tok.Is(";") || _tok.Kind == CTokenKind.Eof) && (spec.IsTypedef || !spec.Type.Unqualified.IsRecord && spec.Type.Unqualified.Kind != CTypeKind.Enum))
                throw Error("'<identifier>' expected");
            if (!_tok.Is(";") && _tok.Kind != CTokenKind.Eof)
            {
                while (true)
                {
                    var d = ParseDeclarator(spec.Type, DeclaratorNames.Required);
                    SkipAttributesAndAsm();
                    if (spec.IsTypedef) _reg.AddTypedef(d.Name!, d.Type);
                    else if (d.Name is not null) DeclareSymbol(d.Name, d.Type);
                    if (_tok.Is(",")) { Advance(); continue; }
                    break;
                }
            }
            if (_tok.Kind == CTokenKind.Eof && first) break;
            Expect(";");
            first = false;
        }
        CheckAllParametersUsed();
    }

    /// <summary>ffi.typeof and friends: one abstract type, nothing after it.</summary>
    public CType ParseType()
    {
        try { return ParseOneType(); }
        catch (CDeclException e) { throw WithLine(e); }
    }

    private CType ParseOneType()
    {
        var spec = ParseSpecifiers(required: true);
        var d = ParseDeclarator(spec.Type, DeclaratorNames.Forbidden);
        if (_tok.Kind != CTokenKind.Eof) throw Error("'<eof>' expected");
        CheckAllParametersUsed();
        return d.Type;
    }

    private void DeclareSymbol(string name, CType type)
    {
        // Repeating a declaration is allowed; LuaJIT keeps the first.
        _reg.Symbols.TryAdd(name, type);
    }

    private void CheckAllParametersUsed()
    {
        if (_nextParam != _params.Count) throw new CDeclException("wrong number of type parameters");
    }

    // ---------------- tokens ----------------

    private void Advance()
    {
        _tok = _peeked ?? _lex.Next();
        _peeked = null;
    }

    private CDeclException Error(string what) => new($"{what} near '{_tok.NearText}'");

    private void Expect(string punct)
    {
        if (!_tok.Is(punct)) throw Error($"'{punct}' expected");
        Advance();
    }

    private object NextParameter()
    {
        if (_nextParam >= _params.Count) throw new CDeclException("wrong number of type parameters");
        return _params[_nextParam++];
    }

    private void Enter()
    {
        if (++_depth > MaxDepth) throw Error("chunk has too many syntax levels");
    }

    // ---------------- specifiers ----------------

    private sealed class Specifiers
    {
        public CType Type = null!;
        public bool IsTypedef;
    }

    private static readonly HashSet<string> IgnoredKeywords = new()
    {
        "extern", "static", "inline", "__inline", "__inline__", "auto", "register", "__extension__",
        "__cdecl", "__stdcall", "__fastcall", "__thiscall", "__ptr32", "__ptr64", "restrict", "__restrict",
        "__restrict__", "_Thread_local", "__thread",
    };

    private Specifiers ParseSpecifiers(bool required)
    {
        var spec = new Specifiers();
        bool isConst = false, isVolatile = false, any = false;
        int longs = 0;
        bool isShort = false, isSigned = false, isUnsigned = false, isChar = false, isInt = false, isFloat = false, isDouble = false, isComplex = false;
        CType? named = null;
        while (true)
        {
            if (_tok.Kind == CTokenKind.Punct && _tok.Text == "$" && named is null && !AnyBasic())
            {
                Advance();
                named = NextParameter() as CType ?? throw new CDeclException("declaration specifier expected near '$'");
                any = true;
                continue;
            }
            if (_tok.Kind != CTokenKind.Identifier) break;
            string w = _tok.Text;
            switch (w)
            {
                case "typedef": spec.IsTypedef = true; Advance(); continue;
                case "const": case "__const": case "__const__": isConst = true; Advance(); continue;
                case "volatile": case "__volatile": case "__volatile__": isVolatile = true; Advance(); continue;
                case "__attribute__": case "__attribute": case "__declspec": SkipAttribute(out _); continue;
                case "signed": case "__signed": case "__signed__": isSigned = true; any = true; Advance(); continue;
                case "unsigned": isUnsigned = true; any = true; Advance(); continue;
                case "long": longs++; any = true; Advance(); continue;
                case "short": isShort = true; any = true; Advance(); continue;
                case "char": isChar = true; any = true; Advance(); continue;
                case "int": isInt = true; any = true; Advance(); continue;
                case "float": isFloat = true; any = true; Advance(); continue;
                case "double": isDouble = true; any = true; Advance(); continue;
                case "complex": case "_Complex": case "__complex": case "__complex__": isComplex = true; any = true; Advance(); continue;
            }
            if (IgnoredKeywords.Contains(w)) { Advance(); continue; }
            if (named is not null || AnyBasic()) break;
            if (w == "void") { named = CTypeRegistry.Void; any = true; Advance(); continue; }
            if (w is "struct" or "union") { Advance(); named = ParseRecord(w == "struct" ? CTypeKind.Struct : CTypeKind.Union); any = true; continue; }
            if (w == "enum") { Advance(); named = ParseEnum(); any = true; continue; }
            if (_reg.TryGetTypedef(w, out var td)) { named = td; any = true; Advance(); continue; }
            break;
        }
        if (!any)
        {
            if (required) throw Error("declaration specifier expected");
            named = CTypeRegistry.Int;
        }
        CType t;
        if (named is not null) t = named;
        else if (isComplex)
        {
            if (longs > 0) throw new CDeclException("ffi: long double complex values are not supported");
            t = isFloat ? CTypeRegistry.ComplexFloat : CTypeRegistry.ComplexDouble;
        }
        else if (isFloat) t = CTypeRegistry.Float;
        else if (isDouble) t = longs > 0 ? CTypeRegistry.LongDouble : CTypeRegistry.Double;
        else if (isChar) t = isUnsigned ? CTypeRegistry.UChar : CTypeRegistry.Char;
        else if (isShort) t = isUnsigned ? CTypeRegistry.UShort : CTypeRegistry.Short;
        else if (longs > 0) t = isUnsigned ? CTypeRegistry.UInt64 : CTypeRegistry.Int64;
        else t = isUnsigned ? CTypeRegistry.UInt : CTypeRegistry.Int;
        spec.Type = _reg.Qualify(t, isConst, isVolatile);
        return spec;

        bool AnyBasic() => longs > 0 || isShort || isSigned || isUnsigned || isChar || isInt || isFloat || isDouble || isComplex;
    }

    // ---------------- attributes ----------------

    /// <summary>Skips <c>__attribute__((...))</c> or <c>__declspec(...)</c>, reporting aligned(n)/align(n) and packed.</summary>
    private void SkipAttribute(out AttributeInfo info)
    {
        info = default;
        Advance();
        if (!_tok.Is("(")) throw Error("'(' expected");
        int depth = 0;
        string? previous = null;
        do
        {
            if (_tok.Kind == CTokenKind.Eof) throw Error("')' expected");
            if (_tok.Is("(")) depth++;
            else if (_tok.Is(")")) depth--;
            else if (_tok.Kind == CTokenKind.Identifier && _tok.Text.Trim('_') == "packed") info.Packed = true;
            else if (_tok.Kind == CTokenKind.Integer && previous is "aligned" or "align")
                info.Align = (int)_tok.Value;
            if (_tok.Kind == CTokenKind.Identifier) previous = _tok.Text.Trim('_');
            else if (!_tok.Is("(")) previous = null;
            Advance();
        } while (depth > 0);
    }

    private struct AttributeInfo
    {
        public int Align;
        public bool Packed;
    }

    private AttributeInfo SkipAttributesAndAsm()
    {
        var all = default(AttributeInfo);
        while (_tok.Kind == CTokenKind.Identifier)
        {
            if (_tok.Text is "__attribute__" or "__attribute" or "__declspec")
            {
                SkipAttribute(out var a);
                all.Align = Math.Max(all.Align, a.Align);
                all.Packed |= a.Packed;
            }
            else if (_tok.Text is "__asm__" or "__asm" or "asm")
            {
                Advance();
                Expect("(");
                while (_tok.Kind == CTokenKind.String) Advance();
                Expect(")");
            }
            else if (IgnoredKeywords.Contains(_tok.Text)) Advance();
            else break;
        }
        return all;
    }

    private void ParsePragma()
    {
        Advance(); // '#'
        Advance(); // 'pragma'
        if (_tok.IsIdentifier("pack"))
        {
            Advance();
            Expect("(");
            if (_tok.IsIdentifier("push"))
            {
                Advance();
                _packStack.Push(_pack);
                if (_tok.Is(",")) { Advance(); _pack = (int)ParseConstant(); }
            }
            else if (_tok.IsIdentifier("pop"))
            {
                Advance();
                _pack = _packStack.Count > 0 ? _packStack.Pop() : 0;
            }
            else if (_tok.Kind == CTokenKind.Integer) _pack = (int)ParseConstant();
            else _pack = 0;
            Expect(")");
        }
        // Anything else after #pragma is ignored up to the end of what the lexer gives us as that line.
        while (_tok.Kind == CTokenKind.Identifier && _tok.Text != "typedef" && !_reg.TryGetTypedef(_tok.Text, out _)
               && !IsSpecifierKeyword(_tok.Text)) Advance();
    }

    private static bool IsSpecifierKeyword(string w) => w is "struct" or "union" or "enum" or "int" or "char" or "void"
        or "long" or "short" or "unsigned" or "signed" or "float" or "double" or "const" or "volatile" or "extern" or "static"
        or "complex" or "_Complex" or "__complex" or "__complex__";

    // ---------------- records and enums ----------------

    private CType ParseRecord(CTypeKind kind)
    {
        var attrs = SkipAttributesAndAsm();
        string? tag = null;
        if (_tok.Kind == CTokenKind.Identifier) { tag = _tok.Text; Advance(); }
        else if (_tok.Is("$"))
        {
            Advance();
            tag = NextParameter() as string ?? throw new CDeclException("'<identifier>' expected near '$'");
        }
        var tags = _reg.TagTable(kind);
        CType? record = null;
        if (tag is not null) tags.TryGetValue(tag, out record);
        if (!_tok.Is("{"))
        {
            if (record is null)
            {
                if (tag is null) throw Error("'<identifier>' expected");
                if (!_declaring) throw new CDeclException($"undeclared or implicit tag '{tag}'");
                record = new CType(kind, -1, 1, tag) { Id = _reg.NextId() };
                tags[tag] = record;
            }
            return record;
        }
        if (record is not null && record.IsComplete) throw new CDeclException($"attempt to redefine '{tag}'");
        if (record is null)
        {
            record = new CType(kind, -1, 1, tag) { Id = _reg.NextId() };
            if (tag is not null) tags[tag] = record;
        }
        Advance(); // '{'
        var fields = new List<CField>();
        while (!_tok.Is("}"))
        {
            if (_tok.Is(";")) { Advance(); continue; }
            var spec = ParseSpecifiers(required: true);
            if (_tok.Is(";") && spec.Type.IsRecord)
            {
                // An unnamed struct/union member: its fields are reached through the outer record.
                fields.Add(new CField { Type = spec.Type });
                _reg.NextId();
                Advance();
                continue;
            }
            while (true)
            {
                var field = new CField();
                _declaratorAlign = 0;
                if (_tok.Is(":")) field.Type = spec.Type;
                else
                {
                    var d = ParseDeclarator(spec.Type, DeclaratorNames.Required);
                    field.Name = d.Name;
                    field.Type = d.Type;
                }
                if (_tok.Is(":"))
                {
                    Advance();
                    long width = ParseConstant();
                    if (width < 0) throw new CDeclException("size of C type is unknown or too large");
                    // LuaJIT keeps bit-fields in 32-bit units at most; only an unnamed one may be 0 wide.
                    if (!field.Type.IsInteger || (width == 0 && field.Name is not null) || width > field.Type.Size * 8 || width > 32)
                        throw new CDeclException("invalid value near ':'");
                    field.BitWidth = (int)width;
                    field.BitOffset = -2;
                }
                var fa = SkipAttributesAndAsm();
                field.ExplicitAlign = Math.Max(fa.Align, _declaratorAlign);
                fields.Add(field);
                _reg.NextId();
                if (_tok.Is(",")) { Advance(); continue; }
                break;
            }
            Expect(";");
        }
        Advance(); // '}'
        var after = SkipAttributesAndAsm();
        CRecordLayout.Layout(record, fields, _pack, attrs.Packed || after.Packed, Math.Max(attrs.Align, after.Align));
        return record;
    }

    private CType ParseEnum()
    {
        SkipAttributesAndAsm();
        string? tag = null;
        if (_tok.Kind == CTokenKind.Identifier) { tag = _tok.Text; Advance(); }
        var tags = _reg.TagTable(CTypeKind.Enum);
        CType? e = null;
        if (tag is not null) tags.TryGetValue(tag, out e);
        if (!_tok.Is("{"))
        {
            if (e is null)
            {
                if (tag is null) throw Error("'<identifier>' expected");
                if (!_declaring) throw new CDeclException($"undeclared or implicit tag '{tag}'");
                e = NewEnum(tag);
                tags[tag] = e;
            }
            return e;
        }
        if (e is not null && e.IsComplete) throw new CDeclException($"attempt to redefine '{tag}'");
        if (e is null)
        {
            e = NewEnum(tag);
            if (tag is not null) tags[tag] = e;
        }
        Advance();
        long next = 0;
        bool anyNegative = false;
        while (!_tok.Is("}"))
        {
            if (_tok.Kind != CTokenKind.Identifier) throw Error("'<identifier>' expected");
            string name = _tok.Text;
            Advance();
            SkipAttributesAndAsm();
            if (_tok.Is("=")) { Advance(); next = ParseConstant(); }
            if (_reg.Constants.ContainsKey(name)) throw new CDeclException($"attempt to redefine '{name}'");
            _reg.Constants[name] = (e, next);
            _reg.NextId();
            e.EnumValues![name] = next;
            anyNegative |= next < 0;
            next++;
            if (_tok.Is(",")) { Advance(); continue; }
            if (!_tok.Is("}")) throw Error("'}' expected");
        }
        Advance();
        SkipAttributesAndAsm();
        e.Target = anyNegative || e.EnumValues!.Count == 0 ? CTypeRegistry.Int : CTypeRegistry.UInt;
        e.IsComplete = true;
        return e;
    }

    private CType NewEnum(string? tag) =>
        new(CTypeKind.Enum, 4, 4, tag) { Id = _reg.NextId(), Target = CTypeRegistry.Int, EnumValues = new() };

    // ---------------- declarators ----------------

    private enum DeclaratorNames { Required, Optional, Forbidden }

    private readonly record struct Declarator(string? Name, CType Type);

    /// <summary>
    /// A declarator applied to <paramref name="baseType"/>. C declarators read inside out, so the parse
    /// collects a list of type constructors (pointers, then arrays/functions, then an inner declarator in
    /// parentheses) and applies them in C's order.
    /// </summary>
    private Declarator ParseDeclarator(CType baseType, DeclaratorNames names)
    {
        Enter();
        try
        {
            var t = baseType;
            // Pointers (and references, which LuaJIT treats as pointers here) with their qualifiers.
            while (_tok.Is("*") || _tok.Is("&") || _tok.Is("^"))
            {
                Advance();
                t = _reg.PointerTo(t);
                bool c = false, v = false;
                while (_tok.Kind == CTokenKind.Identifier)
                {
                    if (_tok.Text is "const" or "__const" or "__const__") c = true;
                    else if (_tok.Text is "volatile" or "__volatile" or "__volatile__") v = true;
                    else if (_tok.Text is "__attribute__" or "__attribute" or "__declspec") { SkipAttribute(out _); continue; }
                    else if (!IgnoredKeywords.Contains(_tok.Text)) break;
                    Advance();
                }
                t = _reg.Qualify(t, c, v);
            }

            string? name = null;
            // A parenthesized inner declarator (e.g. "(*fp)"), told apart from a parameter list. It is parsed
            // against a placeholder base, which is replaced once the suffixes after ')' have made the real one.
            if (_tok.Is("(") && StartsInnerDeclarator())
            {
                Advance(); // '('
                SkipAttributesAndAsm();
                var placeholder = new CType(CTypeKind.Void, -1, 1, "<inner>");
                var inner = ParseDeclarator(placeholder, names);
                Expect(")");
                var outer = ParseSuffixes(t);
                return new Declarator(inner.Name, Substitute(inner.Type, placeholder, outer));
            }
            // A typedef name may be redeclared as a name once the specifiers have a type (C's rule).
            if (_tok.Kind == CTokenKind.Identifier && names != DeclaratorNames.Forbidden && !IsSpecifierKeyword(_tok.Text)
                && !(names == DeclaratorNames.Optional && IsTypeStart(_tok.Text)))
            {
                name = _tok.Text;
                Advance();
            }
            else if (_tok.Is("$") && names != DeclaratorNames.Forbidden && _nextParam < _params.Count && _params[_nextParam] is string)
            {
                Advance();
                name = (string)NextParameter();
            }
            else if (names == DeclaratorNames.Required) throw Error("'<identifier>' expected");
            var attrs = SkipAttributesAndAsm();
            _declaratorAlign = Math.Max(_declaratorAlign, attrs.Align);
            t = ParseSuffixes(t);
            return new Declarator(name, t);
        }
        finally { _depth--; }
    }

    private bool IsTypeStart(string w) =>
        IsSpecifierKeyword(w) || w == "bool" || w == "_Bool" || _reg.TryGetTypedef(w, out _);

    /// <summary>After '(' in a declarator: a nested declarator starts with '*', '&amp;', '^', '(' or a non-type name.</summary>
    private bool StartsInnerDeclarator()
    {
        var peek = PeekNext();
        if (peek.Kind == CTokenKind.Punct) return peek.Text is "*" or "&" or "^" or "(" or "[";
        if (peek.Kind == CTokenKind.Identifier)
            return !IsTypeStart(peek.Text) && peek.Text is not ("__attribute__" or "__cdecl" or "__stdcall" or "__fastcall")
                ? !IgnoredKeywords.Contains(peek.Text)
                : peek.Text is "__cdecl" or "__stdcall" or "__fastcall" or "__attribute__";
        return false;
    }

    private CToken? _peeked;

    private CToken PeekNext()
    {
        // The lexer has no rewind: keep one token of lookahead by lexing ahead and buffering.
        _peeked ??= _lex.Next();
        return _peeked.Value;
    }

    /// <summary>Array and function suffixes, applied innermost-last so "a[2][3]" is an array of 2 arrays of 3.</summary>
    private CType ParseSuffixes(CType t)
    {
        if (_tok.Is("["))
        {
            Advance();
            long length;
            bool variable = false, open = false;
            if (_tok.Is("?")) { variable = true; length = -1; Advance(); }
            else if (_tok.Is("]")) { length = 0; open = true; }
            else
            {
                length = ParseConstant();
                if (length < 0) throw new CDeclException("size of C type is unknown or too large");
            }
            bool unsized = variable || open;
            Expect("]");
            var element = ParseSuffixes(t);
            // Only the outermost dimension may be left open ("int a[][2]", not "int a[2][]").
            if (element.Kind == CTypeKind.Function || _innerDimensionUnsized
                || element.Size < 0 && element.Kind != CTypeKind.Struct && element.Kind != CTypeKind.Union)
                throw new CDeclException("size of C type is unknown or too large");
            _innerDimensionUnsized = unsized;
            return _reg.ArrayOf(element, length, variable);
        }
        if (_tok.Is("("))
        {
            Advance();
            var fn = new CType(CTypeKind.Function, -1, 1) { Parameters = new(), Id = _reg.NextId(), IsComplete = true };
            if (_tok.IsIdentifier("void") && PeekNext().Is(")")) Advance();
            else if (_tok.IsIdentifier("void") && PeekNext().Is(","))
            {
                // "(void, int)": a leading void must be the whole list.
                Advance();
                Expect(")");
            }
            while (!_tok.Is(")"))
            {
                if (_tok.Is("..."))
                {
                    Advance();
                    fn.IsVararg = true;
                    break;
                }
                var spec = ParseSpecifiers(required: true);
                var d = ParseDeclarator(spec.Type, DeclaratorNames.Optional);
                var pt = d.Type;
                // Array and function parameters decay to pointers, as in C.
                if (pt.Kind == CTypeKind.Array) pt = _reg.PointerTo(pt.Target!);
                else if (pt.Kind == CTypeKind.Function) pt = _reg.PointerTo(pt);
                fn.Parameters.Add(pt);
                _reg.NextId();
                if (!_tok.Is(",")) break;
                Advance();
            }
            Expect(")");
            SkipAttributesAndAsm();
            fn.Target = ParseSuffixes(t);
            _innerDimensionUnsized = false;
            return fn;
        }
        _innerDimensionUnsized = false;
        return t;
    }

    /// <summary>Set by <see cref="ParseSuffixes"/> when the array dimension it just parsed was <c>[]</c> or <c>[?]</c>.</summary>
    private bool _innerDimensionUnsized;

    /// <summary>Rebuilds <paramref name="t"/> with <paramref name="placeholder"/> replaced by <paramref name="actual"/>.</summary>
    private CType Substitute(CType t, CType placeholder, CType actual)
    {
        if (ReferenceEquals(t, placeholder)) return actual;
        switch (t.Kind)
        {
            case CTypeKind.Pointer:
                return _reg.Qualify(_reg.PointerTo(Substitute(t.Target!, placeholder, actual)), t.IsConst, t.IsVolatile);
            case CTypeKind.Array:
            {
                var element = Substitute(t.Target!, placeholder, actual);
                if (element.Size < 0 && !element.IsRecord) throw new CDeclException("size of C type is unknown or too large");
                return _reg.ArrayOf(element, t.IsVariable ? -1 : t.Length, t.IsVariable);
            }
            case CTypeKind.Function:
                t.Target = Substitute(t.Target!, placeholder, actual);
                return t;
            default:
                return t;
        }
    }

    // ---------------- constant expressions ----------------

    /// <summary>An integer constant expression (C's operators and precedence; enum constants; sizeof/alignof).</summary>
    public long ParseConstant() => ParseConditional();

    private long ParseConditional()
    {
        Enter();
        try
        {
            long c = ParseBinary(0);
            if (!_tok.Is("?")) return c;
            Advance();
            long a = ParseConditional();
            Expect(":");
            long b = ParseConditional();
            return c != 0 ? a : b;
        }
        finally { _depth--; }
    }

    private static int Precedence(string op) => op switch
    {
        "||" => 1, "&&" => 2, "|" => 3, "^" => 4, "&" => 5, "==" or "!=" => 6,
        "<" or ">" or "<=" or ">=" => 7, "<<" or ">>" => 8, "+" or "-" => 9, "*" or "/" or "%" => 10, _ => 0,
    };

    private long ParseBinary(int minPrec)
    {
        long left = ParseUnary();
        while (_tok.Kind == CTokenKind.Punct)
        {
            int prec = Precedence(_tok.Text);
            if (prec == 0 || prec <= minPrec) break;
            string op = _tok.Text;
            Advance();
            long right = ParseBinary(prec);
            // C's integer constant expressions here are int (32-bit) arithmetic, as in LuaJIT's parser.
            left = (int)(op switch
            {
                "||" => left != 0 || right != 0 ? 1 : 0,
                "&&" => left != 0 && right != 0 ? 1 : 0,
                "|" => left | right, "^" => left ^ right, "&" => left & right,
                "==" => left == right ? 1 : 0, "!=" => left != right ? 1 : 0,
                "<" => left < right ? 1 : 0, ">" => left > right ? 1 : 0,
                "<=" => left <= right ? 1 : 0, ">=" => left >= right ? 1 : 0,
                "<<" => (int)left << (int)right, ">>" => (int)left >> (int)right,
                "+" => left + right, "-" => left - right, "*" => left * right,
                "/" => right == 0 ? throw new CDeclException("division by zero") : left / right,
                _ => right == 0 ? throw new CDeclException("division by zero") : left % right,
            });
        }
        return left;
    }

    private long ParseUnary()
    {
        Enter();
        try
        {
            if (_tok.Kind == CTokenKind.Punct)
            {
                switch (_tok.Text)
                {
                    case "-": Advance(); return -ParseUnary();
                    case "+": Advance(); return ParseUnary();
                    case "~": Advance(); return ~ParseUnary();
                    case "!": Advance(); return ParseUnary() == 0 ? 1 : 0;
                    case "(":
                        Advance();
                        if (_tok.Kind == CTokenKind.Identifier && IsTypeStart(_tok.Text))
                        {
                            // A cast: (type) expr.
                            var spec = ParseSpecifiers(required: true);
                            ParseDeclarator(spec.Type, DeclaratorNames.Forbidden);
                            Expect(")");
                            return ParseUnary();
                        }
                        long v = ParseConditional();
                        Expect(")");
                        return v;
                    case "$":
                        Advance();
                        return NextParameter() switch
                        {
                            long l => l,
                            double d => (long)d,
                            _ => throw new CDeclException("unexpected symbol near '$'"), // LuaJIT's words for a '$' that is not a number
                        };
                }
            }
            if (_tok.Kind is CTokenKind.Integer or CTokenKind.Char)
            {
                long v = _tok.Value;
                if (_tok.Kind == CTokenKind.Integer && !_tok.IsUnsigned && v == (int)v) v = (int)v;
                Advance();
                return v;
            }
            if (_tok.Kind == CTokenKind.Identifier)
            {
                if (_tok.Text is "sizeof" or "alignof" or "__alignof__" or "__alignof")
                {
                    bool size = _tok.Text == "sizeof";
                    Advance();
                    Expect("(");
                    var spec = ParseSpecifiers(required: true);
                    var d = ParseDeclarator(spec.Type, DeclaratorNames.Forbidden);
                    Expect(")");
                    if (size && d.Type.Size < 0) throw new CDeclException("size of C type is unknown or too large");
                    return size ? d.Type.Size : d.Type.Align;
                }
                if (_reg.Constants.TryGetValue(_tok.Text, out var c))
                {
                    Advance();
                    return c.Value;
                }
            }
            throw Error("unexpected symbol");
        }
        finally { _depth--; }
    }
}
