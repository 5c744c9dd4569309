using System.Text;
using Tidegate.Lua.Library;
using static Tidegate.Lua.Tests.Library.BitOsIoDebugHarness;

namespace Tidegate.Lua.Tests.Library;

// Every expectation below was printed by luajit (OpenResty's LuaJIT 2.1 on glibc 2.36).
public sealed class IoLibraryTests : IDisposable
{
    private readonly BitOsIoDebugHarness _h = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("tidegate-io").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private LuaValue OpenFile(string name, string mode = "r") => _h.Call1("io.open", S(PathOf(name)), S(mode));

    private LuaValue[] Method(LuaValue file, string name, params LuaValue[] args)
    {
        var method = ((LuaUserdata)file.Ref!).Metatable!["__index"].AsTable![name];
        return _h.CallValue(method, new[] { file }.Concat(args).ToArray());
    }

    private string MethodError(LuaValue file, string name, params LuaValue[] args) =>
        Assert.Throws<LuaException>(() => Method(file, name, args)).Value.ToString();

    private const string Data = "line1\nline2\r\n12 0x1F -3.5e2 abc\n\nlast";

    [Fact]
    public void OpenFailuresReturnErrno()
    {
        var r = _h.Call("io.open", S(PathOf("nope.txt")));
        Assert.True(r[0].IsNil);
        Assert.Equal(PathOf("nope.txt") + ": No such file or directory", Str(r[1]));
        Assert.Equal(2, r[2].Number);

        File.WriteAllText(PathOf("d.txt"), Data);
        r = _h.Call("io.open", S(PathOf("d.txt")), S("x"));
        Assert.Equal(PathOf("d.txt") + ": Invalid argument", Str(r[1]));
        Assert.Equal(22, r[2].Number);
        Assert.True(_h.Call1("io.open", S(PathOf("d.txt")), S("br")).IsNil);
        // glibc reads only the first letter and then '+', 'x', 'b', 'e'; other letters are ignored.
        Assert.Equal("file", Str(_h.Call1("io.type", OpenFile("d.txt", "rw"))));
        Assert.Equal("file", Str(_h.Call1("io.type", OpenFile("d.txt", "r+x"))));

        r = _h.Call("io.open", S(PathOf("d.txt")), S("wx"));
        Assert.Equal(PathOf("d.txt") + ": File exists", Str(r[1]));
        Assert.Equal(17, r[2].Number);
    }

    [Theory]
    [InlineData("/tmp", "w", "/tmp: Is a directory", 21)]
    [InlineData("/etc/hostname/x", "r", "/etc/hostname/x: Not a directory", 20)]
    public void OpenErrorsFromTheSystem(string name, string mode, string message, int errno)
    {
        var r = _h.Call("io.open", S(name), S(mode));
        Assert.True(r[0].IsNil);
        Assert.Equal(message, Str(r[1]));
        Assert.Equal(errno, r[2].Number);
    }

    [Fact]
    public void OverlongNameIsTooLong()
    {
        string name = new string('x', 300);
        var r = _h.Call("io.open", S(name));
        Assert.Equal(name + ": File name too long", Str(r[1]));
        Assert.Equal(36, r[2].Number);
    }

    [Fact]
    public void ReadFormats()
    {
        File.WriteAllText(PathOf("d.txt"), Data);
        var f = OpenFile("d.txt");
        string Next(params LuaValue[] formats) => Str(Method(f, "read", formats)[0]);
        Assert.Equal("line1", Next(S("*l")));
        Assert.Equal("line2\r\n", Next(S("*L")));
        Assert.Equal("12", Next(S("*n")));
        Assert.Equal("31", Next(S("*n")));
        Assert.Equal("-350", Next(S("*n")));
        Assert.Equal("nil", Next(S("*n")));
        Assert.Equal("abc", Next(S("*l")));
        Assert.Equal("", Next(S("*l")));
        Assert.Equal("", Next(0));
        Assert.Equal("last", Next(S("*a")));
        Assert.Equal("nil", Next(0));
        Assert.Equal("", Next(S("*a")));
        Assert.Equal("nil", Next(S("*l")));
        Assert.Equal("nil", Next(5));
        Assert.Equal("nil", Next());
    }

    [Fact]
    public void LinesAreCutAtNulBytesAsFgetsAndStrlenCutThem()
    {
        File.WriteAllBytes(PathOf("z.bin"), Encoding.Latin1.GetBytes("ab\0cd\nef\n\0\ngh"));
        var f = OpenFile("z.bin", "rb");
        Assert.Equal("abef", Str(Method(f, "read", S("*l"))[0]));
        Assert.Equal("gh", Str(Method(f, "read", S("*l"))[0]));
        Assert.True(Method(f, "read", S("*l"))[0].IsNil);

        // A NUL as the last byte fgets takes into a full 8191-byte piece, then a long tail: luajit gives 20000 8290 4.
        var bytes = new List<byte>();
        bytes.AddRange(Enumerable.Repeat((byte)'x', 20000)); bytes.Add((byte)'\n');
        bytes.AddRange(Enumerable.Repeat((byte)'a', 8190)); bytes.Add(0); bytes.AddRange(Enumerable.Repeat((byte)'b', 100)); bytes.Add((byte)'\n');
        bytes.AddRange(Encoding.Latin1.GetBytes("tail\0\n\0\n"));
        File.WriteAllBytes(PathOf("long.bin"), bytes.ToArray());
        f = OpenFile("long.bin", "rb");
        Assert.Equal(20001, ((LuaString)Method(f, "read", S("*L"))[0].Ref!).Length);
        Assert.Equal(8291, ((LuaString)Method(f, "read", S("*L"))[0].Ref!).Length);
        Assert.Equal("tail", Str(Method(f, "read", S("*L"))[0]));
        Assert.True(Method(f, "read", S("*L"))[0].IsNil);
    }

    [Fact]
    public void ReadManyFormatsStopsAtTheFirstFailure()
    {
        File.WriteAllText(PathOf("d.txt"), Data);
        var f = OpenFile("d.txt");
        var r = Method(f, "read", S("*l"), 3, S("*n"), S("*l"));
        Assert.Equal(3, r.Length);
        Assert.Equal("line1", Str(r[0]));
        Assert.Equal("lin", Str(r[1]));
        Assert.True(r[2].IsNil);
        r = Method(f, "read", S("line"), S("a"));
        Assert.Equal("e2\r", Str(r[0]));
        Assert.Equal("12 0x1F -3.5e2 abc\n\nlast", Str(r[1]));
    }

    [Theory]
    [InlineData("1e", "1", "")]
    [InlineData("1e+", "1", "")]
    [InlineData("1e+x", "1", "x")]
    [InlineData("0x", null, "")]
    [InlineData("0xg", null, "g")]
    [InlineData("0x.p1", "0", "p1")]
    [InlineData("0x1p+", "1", "")]
    [InlineData("-", null, "")]
    [InlineData("+x", null, "x")]
    [InlineData(".", null, "")]
    [InlineData(".e5", null, "e5")]
    [InlineData("1.e2", "100", "")]
    [InlineData("0x1.8p1", "3", "")]
    [InlineData("infin", null, "")]
    [InlineData("infx", "inf", "x")]
    [InlineData("n-0", null, "0")]
    [InlineData("infinx1", null, "1")]
    [InlineData("nan(12)", "nan", "(12)")]
    [InlineData("  +inf", "inf", "")]
    [InlineData("-infinity!", "-inf", "!")]
    [InlineData("1e5000", "inf", "")]
    [InlineData("00012", "12", "")]
    [InlineData("1.5.5", "1.5", ".5")]
    [InlineData("0x1P-2z", "0.25", "z")]
    [InlineData("12abc", "12", "abc")]
    public void ReadNumberAsGlibcScanf(string text, string? number, string rest)
    {
        File.WriteAllText(PathOf("n.txt"), text);
        var f = OpenFile("n.txt");
        var n = Method(f, "read", S("*n"))[0];
        if (number is null) Assert.True(n.IsNil);
        else Assert.Equal(number, n.Number switch
        {
            double.PositiveInfinity => "inf",
            double.NegativeInfinity => "-inf",
            double d when double.IsNaN(d) => "nan",
            double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(rest, Str(Method(f, "read", S("*a"))[0]));
    }

    [Fact]
    public void AllByteValuesSurviveWriteAndRead()
    {
        var all = new byte[512];
        for (int i = 0; i < all.Length; i++) all[i] = (byte)i;
        var f = OpenFile("b.bin", "wb");
        Assert.True(Method(f, "write", new LuaString(all))[0].AsBoolean);
        Method(f, "close");
        f = OpenFile("b.bin", "rb");
        var back = (LuaString)Method(f, "read", S("*a"))[0].Ref!;
        Assert.Equal(all, back.Span.ToArray());
        Method(f, "seek", S("set"));
        Assert.Equal(300, ((LuaString)Method(f, "read", 300)[0].Ref!).Length);
        Assert.Equal(212, ((LuaString)Method(f, "read", S("*a"))[0].Ref!).Length);
    }

    [Fact]
    public void SeekAndPositions()
    {
        File.WriteAllText(PathOf("d.txt"), Data);
        var f = OpenFile("d.txt");
        Assert.Equal(37, Method(f, "seek", S("end"))[0].Number);
        Assert.Equal(2, Method(f, "seek", S("set"), 2)[0].Number);
        Assert.Equal("ne1", Str(Method(f, "read", 3)[0]));
        Assert.Equal(5, Method(f, "seek")[0].Number);
        Assert.Equal(33, Method(f, "seek", S("end"), -4)[0].Number);
        Assert.Equal("last", Str(Method(f, "read", S("*a"))[0]));
        var r = Method(f, "seek", S("set"), -1);
        Assert.True(r[0].IsNil);
        Assert.Equal("Invalid argument", Str(r[1]));
        Assert.Equal(22, r[2].Number);
        Assert.Equal("bad argument #2 to '?' (invalid option 'bad')", MethodError(f, "seek", S("bad")));
        Assert.Equal("bad argument #3 to '?' (number expected, got string)", MethodError(f, "seek", S("cur"), S("3")));
    }

    [Fact]
    public void AppendModesWriteAtTheEnd()
    {
        var f = OpenFile("a.txt", "w");
        Method(f, "write", S("hello"));
        Method(f, "close");
        f = OpenFile("a.txt", "a+");
        Assert.Equal(0, Method(f, "seek")[0].Number);
        Assert.Equal("hello", Str(Method(f, "read", S("*a"))[0]));
        Method(f, "write", S("X"));
        Assert.Equal(6, Method(f, "seek")[0].Number);
        Method(f, "seek", S("set"));
        Assert.Equal("helloX", Str(Method(f, "read", S("*a"))[0]));
    }

    [Fact]
    public void WriteOnlyAppendStartsAtTheEnd()
    {
        File.WriteAllText(PathOf("a.txt"), "heZZo\nXorld\n");
        var f = OpenFile("a.txt", "a");
        Assert.Equal(12, Method(f, "seek", S("cur"))[0].Number);
        Method(f, "write", S("tail"));
        Assert.Equal(16, Method(f, "seek", S("cur"))[0].Number);
    }

    [Fact]
    public void ReadWriteInterleaved()
    {
        var f = OpenFile("rw.txt", "w+");
        Method(f, "write", S("hello\nworld\n"));
        Assert.Equal(12, Method(f, "seek", S("cur"))[0].Number);
        Method(f, "seek", S("set"));
        Assert.Equal("hello", Str(Method(f, "read", S("*l"))[0]));
        Assert.Equal(6, Method(f, "seek", S("cur"))[0].Number);
        Method(f, "write", S("X"));
        Assert.Equal(7, Method(f, "seek", S("cur"))[0].Number);
        Method(f, "close");
        f = OpenFile("rw.txt", "r+");
        Assert.Equal("he", Str(Method(f, "read", 2)[0]));
        Method(f, "write", S("ZZ"));
        Assert.Equal(4, Method(f, "seek", S("cur"))[0].Number);
        Assert.Equal("o", Str(Method(f, "read", S("*l"))[0]));
        Method(f, "seek", S("set"));
        Assert.Equal("heZZo\nXorld\n", Str(Method(f, "read", S("*a"))[0]));
    }

    [Fact]
    public void PopenFlushesOutputFirst()
    {
        var output = (MemoryStream)_h.State.StandardOutput;
        var buffered = new BufferedStream(output, 1 << 16);
        _h.State.StandardOutput = buffered;
        _h.Call("io.write", S("before"));
        Assert.Equal(0, output.Length);
        var p = _h.Call1("io.popen", S("true"));
        Assert.Equal("before", Encoding.Latin1.GetString(output.ToArray()));
        Method(p, "close");
    }

    [Fact]
    public void WrongDirectionAndDirectories()
    {
        File.WriteAllText(PathOf("d.txt"), Data);
        var r = Method(OpenFile("d.txt"), "write", S("x"));
        Assert.True(r[0].IsNil);
        Assert.Equal("Bad file descriptor", Str(r[1]));
        Assert.Equal(9, r[2].Number);
        r = Method(OpenFile("w.txt", "w"), "read", S("*l"));
        Assert.Equal("Bad file descriptor", Str(r[1]));

        var d = _h.Call1("io.open", S(_dir));
        Assert.Equal("file", Str(_h.Call1("io.type", d)));
        r = Method(d, "read", S("*l"));
        Assert.True(r[0].IsNil);
        Assert.Equal("Is a directory", Str(r[1]));
        Assert.Equal(21, r[2].Number);
    }

    [Fact]
    public void ClosedFiles()
    {
        File.WriteAllText(PathOf("d.txt"), Data);
        var f = OpenFile("d.txt");
        Assert.Matches("^file \\(0x[0-9a-f]+\\)$", Str(Method(f, "__tostring")[0]));
        Assert.True(Method(f, "close")[0].AsBoolean);
        Assert.Equal("closed file", Str(_h.Call1("io.type", f)));
        Assert.Equal("file (closed)", Str(Method(f, "__tostring")[0]));
        Assert.Equal("attempt to use a closed file", MethodError(f, "read"));
        Assert.Equal("attempt to use a closed file", MethodError(f, "close"));
        Assert.Equal("attempt to use a closed file", MethodError(f, "lines"));
        Assert.Equal("attempt to use a closed file", _h.Error("io.close", f));
        Assert.True(_h.Call1("io.type", 1).IsNil);
        Assert.Equal("bad argument #1 to '?' (FILE* expected, got table)", _h.Error("io.close", new LuaTable()));
    }

    [Fact]
    public void BadArguments()
    {
        File.WriteAllText(PathOf("d.txt"), Data);
        var f = OpenFile("d.txt");
        Assert.Equal("bad argument #2 to '?' (invalid format)", MethodError(f, "read", S("*x")));
        Assert.Equal("bad argument #2 to '?' (invalid format)", MethodError(f, "read", S("5")));
        Assert.Equal("bad argument #2 to '?' (invalid option)", MethodError(f, "read", new LuaTable()));
        Assert.Equal("not enough memory", MethodError(f, "read", -1));
        Assert.Equal("not enough memory", MethodError(f, "read", 2147483648.0));
        var w = OpenFile("w.txt", "w");
        Assert.Equal("bad argument #2 to '?' (string expected, got table)", MethodError(w, "write", new LuaTable()));
        Assert.Equal("bad argument #1 to '?' (string expected, got table)", _h.Error("io.write", new LuaTable()));
        Assert.Equal("bad argument #2 to '?' (invalid option 'bad')", MethodError(w, "setvbuf", S("bad")));
    }

    [Fact]
    public void StandardFiles()
    {
        var stdout = _h.Lookup("io.stdout");
        var r = Method(stdout, "close");
        Assert.True(r[0].IsNil);
        Assert.Equal("cannot close standard file", Str(r[1]));
        Assert.Same(stdout.Ref, _h.Call1("io.output").Ref);
        Assert.True(_h.Call1("io.write", S("a"), 1, 2.5).AsBoolean);
        Assert.True(Method(stdout, "setvbuf", S("no"))[0].AsBoolean);
        Assert.True(Method(stdout, "flush")[0].AsBoolean);
        Assert.Equal("file", Str(_h.Call1("io.type", _h.Lookup("io.stdin"))));
    }

    [Fact]
    public void DefaultFilesAndTheirErrors()
    {
        File.WriteAllText(PathOf("d.txt"), Data);
        Assert.Equal("bad argument #1 to '?' (" + PathOf("nope") + ": No such file or directory)", _h.Error("io.input", S(PathOf("nope"))));
        Assert.Equal("bad argument #1 to '?' (" + PathOf("nope") + ": No such file or directory)", _h.Error("io.lines", S(PathOf("nope"))));
        var input = _h.Call1("io.input", S(PathOf("d.txt")));
        Assert.Equal("line1", Str(_h.Call1("io.read")));
        Assert.Equal("line2\r\n", Str(_h.Call1("io.read", S("*L"))));
        Method(input, "close");
        Assert.Equal("standard file is closed", _h.Error("io.read"));
        Assert.Equal("attempt to use a closed file", _h.Error("io.input", input));

        var output = _h.Call1("io.output", S(PathOf("o.txt")));
        _h.Call("io.write", S("x"), 1);
        Assert.True(_h.Call1("io.close").AsBoolean);
        Assert.Equal("x1", File.ReadAllText(PathOf("o.txt")));
        Assert.Equal("standard file is closed", _h.Error("io.write", S("a")));
        Assert.Equal("attempt to use a closed file", _h.Error("io.close"));
        Assert.Equal("file (closed)", Str(Method(output, "__tostring")[0]));
    }

    [Fact]
    public void LinesIterators()
    {
        File.WriteAllText(PathOf("d.txt"), Data);
        var it = _h.Call1("io.lines", S(PathOf("d.txt")));
        var lines = new List<string>();
        while (true)
        {
            var r = _h.CallValue(it);
            if (r.Length == 0 || r[0].IsNil) break;
            lines.Add(Str(r[0]));
        }
        Assert.Equal(new[] { "line1", "line2\r", "12 0x1F -3.5e2 abc", "", "last" }, lines);
        // io.lines closed the file at the end, so another call finds it closed.
        Assert.Equal("attempt to use a closed file", Assert.Throws<LuaException>(() => _h.CallValue(it)).Value.ToString());

        it = _h.Call1("io.lines", S(PathOf("d.txt")), S("*n"));
        Assert.True(_h.CallValue(it).Length == 0 || _h.CallValue(it)[0].IsNil);

        var f = OpenFile("d.txt");
        var fit = Method(f, "lines", 3)[0];
        Assert.Equal("lin", Str(_h.CallValue(fit)[0]));
        Assert.Equal("e1\n", Str(_h.CallValue(fit)[0]));
        Method(f, "close");
        Assert.Equal("attempt to use a closed file", Assert.Throws<LuaException>(() => _h.CallValue(fit)).Value.ToString());
    }

    [Fact]
    public void LinesFormatsAreCheckedWhenIterating()
    {
        File.WriteAllText(PathOf("ab.txt"), "a\nb\n");
        var it = _h.Call1("io.lines", S(PathOf("ab.txt")), S("*x"));
        Assert.Equal("bad argument #1 to '?' (invalid format)", Assert.Throws<LuaException>(() => _h.CallValue(it)).Value.ToString());
        it = _h.Call1("io.lines", S(PathOf("ab.txt")), S("*l"), new LuaTable());
        Assert.Equal("bad argument #2 to '?' (invalid option)", Assert.Throws<LuaException>(() => _h.CallValue(it)).Value.ToString());
        it = _h.Call1("io.lines", S(_dir));
        Assert.Equal("Is a directory", Assert.Throws<LuaException>(() => _h.CallValue(it)).Value.ToString());
    }

    [Fact]
    public void PopenReadsWritesAndCloses()
    {
        var p = _h.Call1("io.popen", S("echo hi; exit 3"));
        Assert.Equal("hi\n", Str(Method(p, "read", S("*a"))[0]));
        Assert.True(Method(p, "close")[0].AsBoolean);

        string target = PathOf("popen.txt");
        var w = _h.Call1("io.popen", S($"cat > '{target}'"), S("w"));
        Method(w, "write", S("piped\0bytes\xff"));
        Assert.True(Method(w, "close")[0].AsBoolean);
        Assert.Equal(Encoding.Latin1.GetBytes("piped\0bytes\xff"), File.ReadAllBytes(target));

        var r = _h.Call("io.popen", S("ls"), S("rw"));
        Assert.True(r[0].IsNil);
        Assert.Equal("ls: Invalid argument", Str(r[1]));
        Assert.Equal(22, r[2].Number);
    }

    [Fact]
    public void TmpFileIsReadWrite()
    {
        var t = _h.Call1("io.tmpfile");
        Method(t, "write", S("abc"));
        Method(t, "seek", S("set"));
        Assert.Equal("abc", Str(Method(t, "read", S("*a"))[0]));
        Assert.True(Method(t, "close")[0].AsBoolean);
    }

    [Fact]
    public void MetatableIsItsOwnIndex()
    {
        var meta = ((LuaUserdata)_h.Lookup("io.stdout").Ref!).Metatable!;
        Assert.Same(meta, meta["__index"].Ref);
        Assert.True(meta["__gc"].IsFunction);
    }

    // Random file contents (digits, signs, hex prefixes, inf/nan, NULs, CR/LF) read, sought and written in
    // random sequences, checked live against luajit: *n follows glibc's scanf byte by byte, so this is
    // where a difference would show.
    private const string FuzzScript = """
        local state = tonumber(ARG[1])
        local function rnd(n) state = (state * 1103515245 + 12345) % 2147483648 return state % n end
        local alphabet = { "0", "1", "9", "12", "0x", "1F", "e", "E", "+", "-", ".", " ", "\t", "\n", "\n", "\r\n", "\0", "inf", "nan", "a", "p", "x", "5.5", "1e5", "-0" }
        local function show(v)
          if type(v) == "string" then return (string.format("%q", v):gsub("\n", "n")) end
          return tostring(v)
        end
        local name = os.tmpname()
        for round = 1, 60 do
          local parts = {}
          for i = 1, rnd(40) do parts[#parts + 1] = alphabet[rnd(#alphabet) + 1] end
          local content = table.concat(parts)
          local f = io.open(name, "wb") f:write(content) f:close()
          f = io.open(name, rnd(3) == 0 and "r+b" or "rb")
          local out = {}
          for op = 1, 12 do
            local k = rnd(10)
            local r
            if k <= 5 then
              local fmts = {}
              for i = 1, 1 + rnd(3) do
                local c = rnd(8)
                fmts[i] = c == 0 and "*n" or c == 1 and "*l" or c == 2 and "*L" or c == 3 and "*a" or c == 4 and "n" or rnd(6)
              end
              r = { f:read(unpack(fmts)) }
              local s = {} for i = 1, #fmts do s[i] = show(fmts[i]) end
              out[#out + 1] = "read(" .. table.concat(s, ",") .. ")="
              for i = 1, #r do out[#out] = out[#out] .. show(r[i]) .. ";" end
            elseif k <= 7 then
              local whence = ({ "set", "cur", "end" })[rnd(3) + 1]
              local off = rnd(7) - 3
              out[#out + 1] = "seek(" .. whence .. "," .. off .. ")=" .. show(f:seek(whence, off))
            else
              out[#out + 1] = "write=" .. show(f:write(alphabet[rnd(#alphabet) + 1]))
            end
          end
          f:close()
          print(show(content), table.concat(out, " "))
        end
        os.remove(name)
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomReadSeekWriteSequencesMatchLuaJit(int seed)
    {
        var (expected, actual) = RunBoth(FuzzScript, null, seed.ToString());
        Assert.True(expected.Split('\n').Length > 50, expected[..Math.Min(expected.Length, 500)]);
        Assert.Equal(expected, actual);
    }
}
