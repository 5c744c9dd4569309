using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// LuaJIT's <c>jit</c> library as OpenResty's luajit2 has it (lib_jit.c), mapped onto Tidegate's compiler.
///
/// <para>Tidegate has no interpreter and no trace compiler: every Lua function is compiled to IL when its
/// chunk is loaded, and the .NET JIT makes native code of it. So the switches that steer LuaJIT's trace
/// compiler have nothing to steer. They are kept honest rather than faked: <c>jit.on</c>/<c>jit.off</c>
/// record the global mode that <c>jit.status</c> reports (code is compiled to IL either way),
/// <c>jit.flush</c> has no traces to drop, and <c>jit.opt.start</c> validates and records LuaJIT's
/// optimisation flags and parameters exactly as LuaJIT parses them, so scripts that tune the JIT run
/// unchanged and report what they set. Arguments are checked with LuaJIT's messages.</para>
///
/// <para><c>jit.version</c> and <c>jit.version_num</c> report the LuaJIT dialect Tidegate implements
/// ("LuaJIT 2.1.0-beta3", 20100), the values OpenResty's libraries test for; Tidegate's own version is its
/// assembly version. <c>jit.os</c> and <c>jit.arch</c> are the real platform, named as LuaJIT names it.</para>
///
/// <para>The modules that inspect LuaJIT's bytecode, traces or profiler (<c>jit.util</c>,
/// <c>jit.profile</c>, <c>jit.v</c>, <c>jit.dump</c>, ...) fail on <c>require</c> with an error naming them.</para>
/// </summary>
public static class JitLibrary
{
    public const string Version = "LuaJIT 2.1.0-beta3";
    public const int VersionNumber = 20100;

    /// <summary>LuaJIT's optimisation flags in the order jit.status lists them (JIT_F_OPTSTRING).</summary>
    private static readonly string[] OptimisationFlags =
        { "fold", "cse", "dce", "fwd", "dse", "narrow", "loop", "abc", "sink", "fuse", "fma" };

    // Flag sets of the levels -O0..-O3, as bits over OptimisationFlags. fma is never part of a level.
    private const int Level1 = 0b111;                 // fold cse dce
    private const int Level2 = Level1 | 0b1100000;    // + narrow loop
    private const int Level3 = 0b1111111111;          // every flag but fma
    private const int DefaultFlags = Level3;

    /// <summary>LuaJIT's numeric JIT parameters (JIT_PARAMDEF) with their defaults.</summary>
    private static readonly (string Name, int Default)[] Parameters =
    {
        ("maxtrace", 1000), ("maxrecord", 4000), ("maxirconst", 500), ("maxside", 100), ("maxsnap", 500),
        ("minstitch", 0), ("hotloop", 56), ("hotexit", 10), ("tryside", 4), ("instunroll", 4),
        ("loopunroll", 15), ("callunroll", 3), ("recunroll", 2), ("sizemcode", 32), ("maxmcode", 512),
    };

    /// <summary>The modules of LuaJIT's jit.* family that need its bytecode, traces or profiler.</summary>
    public static readonly IReadOnlyList<string> UnsupportedModules = new[]
    {
        "jit.util", "jit.profile", "jit.v", "jit.dump", "jit.p", "jit.zone", "jit.bcsave", "jit.vmdef",
    };

    /// <summary>What jit.on/off and jit.opt.start have recorded for one state.</summary>
    private sealed class JitSettings
    {
        public bool Enabled = true;
        public int Flags = DefaultFlags;
        public readonly int[] ParameterValues = Parameters.Select(p => p.Default).ToArray();
        public readonly uint[] PrngState = NewPrngState();
        public readonly Dictionary<string, LuaFunction> AttachedHandlers = new();

        public void ResetOptimisations()
        {
            Flags = DefaultFlags;
            for (int i = 0; i < Parameters.Length; i++) ParameterValues[i] = Parameters[i].Default;
        }

        private static uint[] NewPrngState()
        {
            var state = new uint[8];
            RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(state.AsSpan()));
            return state;
        }
    }

    public static void Open(LuaState state)
    {
        var settings = new JitSettings();
        var jit = new LuaTable(0, 16);
        void Add(LuaTable t, string name, HostFunctionBody body) => t[name] = new HostFunction(name, body);

        Add(jit, "on", call => SetMode(call, settings, enable: true));
        Add(jit, "off", call => SetMode(call, settings, enable: false));
        Add(jit, "flush", Flush);
        Add(jit, "status", call => Status(call, settings));
        Add(jit, "attach", call => Attach(call, settings));
        Add(jit, "security", Security);
        Add(jit, "prngstate", call => PrngState(call, settings));
        jit["version"] = (LuaString)Version;
        jit["version_num"] = VersionNumber;
        jit["os"] = (LuaString)OperatingSystemName();
        jit["arch"] = (LuaString)ArchitectureName();

        var opt = new LuaTable(0, 1);
        Add(opt, "start", call => OptStart(call, settings));
        jit["opt"] = opt;
        state.Globals["jit"] = jit;

        if (state.Globals["package"].Ref is LuaTable package)
        {
            if (package["loaded"].Ref is LuaTable loaded) loaded["jit.opt"] = opt;
            if (package["preload"].Ref is LuaTable preload)
            {
                foreach (var module in UnsupportedModules)
                {
                    var name = module;
                    preload[name] = new HostFunction("loader", call =>
                        throw call.Thread.RuntimeError(
                            $"module '{name}' is not supported by Tidegate: it inspects LuaJIT's bytecode, traces or profiler, and Tidegate compiles Lua to .NET IL instead"));
                }
            }
        }
    }

    /// <summary>LuaJIT's LJ_OS_NAME for the running platform.</summary>
    public static string OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "Windows" :
        OperatingSystem.IsLinux() || OperatingSystem.IsAndroid() ? "Linux" :
        OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? "OSX" :
        OperatingSystem.IsFreeBSD() ? "BSD" : "Other";

    /// <summary>LuaJIT's LJ_ARCH_NAME for the running process.</summary>
    public static string ArchitectureName() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x64",
        Architecture.X86 => "x86",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.Ppc64le => "ppc",
        Architecture.S390x => "s390x",
        Architecture.LoongArch64 => "loongarch64",
        var other => other.ToString().ToLowerInvariant(),
    };

    // ---- jit.on / jit.off / jit.flush ----

    /// <summary>
    /// jit.on/off([func|true [, recursive]]): with no argument (or nil) the global mode, which jit.status
    /// reports; with a Lua function (true: the calling one), LuaJIT's per-prototype mode, which has nothing to change here (every
    /// function is compiled to IL). As LuaJIT, only a Lua function is accepted (not a host function).
    /// </summary>
    private static int SetMode(LuaCall call, JitSettings settings, bool enable)
    {
        if (call.Count == 0 || call[0].IsNil)
        {
            settings.Enabled = enable;
            return 0;
        }
        CheckFunctionTarget(call);
        return 0;
    }

    /// <summary>
    /// The target of jit.on/off/flush: a Lua function, or true for the calling function (which must then be
    /// a Lua function, not pcall or another host function), as LuaJIT's setjitmode.
    /// </summary>
    private static void CheckFunctionTarget(LuaCall call)
    {
        if (call[0].Ref is LuaClosure) return;
        if (call[0].IsBoolean && call[0].AsBoolean && call.Thread.GetFunctionAtLevel(1) is LuaClosure) return;
        throw call.TypeError(0, "function");
    }

    /// <summary>jit.flush([func|tr]): there are no traces to flush. A number names a trace; anything else must be a Lua function.</summary>
    private static int Flush(LuaCall call)
    {
        if (call.Count == 0 || call[0].IsNil || call[0].IsNumber) return 0;
        CheckFunctionTarget(call);
        return 0;
    }

    /// <summary>jit.status(): the global mode, then the CPU features and the optimisation flags that are on.</summary>
    private static int Status(LuaCall call, JitSettings settings)
    {
        var results = new List<LuaValue> { settings.Enabled };
        foreach (var feature in CpuFeatures()) results.Add((LuaString)feature);
        for (int i = 0; i < OptimisationFlags.Length; i++)
            if ((settings.Flags & (1 << i)) != 0) results.Add((LuaString)OptimisationFlags[i]);
        return call.Return(results.ToArray());
    }

    /// <summary>The CPU features LuaJIT lists in jit.status on x86/x64, as the .NET runtime detects them.</summary>
    private static IEnumerable<string> CpuFeatures()
    {
        if (System.Runtime.Intrinsics.X86.Sse3.IsSupported) yield return "SSE3";
        if (System.Runtime.Intrinsics.X86.Sse41.IsSupported) yield return "SSE4.1";
        if (System.Runtime.Intrinsics.X86.Bmi2.IsSupported) yield return "BMI2";
    }

    // ---- jit.opt.start ----

    /// <summary>
    /// jit.opt.start(...): each argument is a level ("0".."9"), a flag ("fold", "+fold", "-fold", "nofold")
    /// or a parameter ("hotloop=56"), parsed as LuaJIT parses them. No argument restores the defaults. An
    /// argument that is none of these stops with LuaJIT's error; those before it stay applied.
    /// </summary>
    private static int OptStart(LuaCall call, JitSettings settings)
    {
        if (call.Count == 0)
        {
            settings.ResetOptimisations();
            return 0;
        }
        for (int i = 0; i < call.Count; i++)
        {
            var text = call.CheckString(i);
            if (!TryApplyLevel(text.Span, settings) && !TryApplyFlag(text.Span, settings) && !TryApplyParameter(text.Span, settings))
                throw call.Thread.RuntimeError($"unknown or malformed optimization flag '{text.ToLatin1()}'");
        }
        return 0;
    }

    private static bool TryApplyLevel(ReadOnlySpan<byte> s, JitSettings settings)
    {
        if (s.Length != 1 || s[0] < '0' || s[0] > '9') return false;
        settings.Flags = s[0] switch { (byte)'0' => 0, (byte)'1' => Level1, (byte)'2' => Level2, _ => Level3 };
        return true;
    }

    private static bool TryApplyFlag(ReadOnlySpan<byte> s, JitSettings settings)
    {
        bool enable = true;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            enable = s[0] == '+';
            s = s[1..];
        }
        else if (s.Length > 1 && s[0] == 'n' && s[1] == 'o')
        {
            enable = false;
            s = s[2..];
        }
        for (int i = 0; i < OptimisationFlags.Length; i++)
        {
            if (!EqualsAscii(s, OptimisationFlags[i])) continue;
            if (enable) settings.Flags |= 1 << i; else settings.Flags &= ~(1 << i);
            return true;
        }
        return false;
    }

    /// <summary>"name=digits": LuaJIT accepts an empty digit string (0) and lets large values wrap.</summary>
    private static bool TryApplyParameter(ReadOnlySpan<byte> s, JitSettings settings)
    {
        int eq = s.IndexOf((byte)'=');
        if (eq < 0) return false;
        var name = s[..eq];
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (!EqualsAscii(name, Parameters[i].Name)) continue;
            int value = 0;
            foreach (byte b in s[(eq + 1)..])
            {
                if (b < '0' || b > '9') return false;
                value = unchecked(value * 10 + (b - '0'));
            }
            settings.ParameterValues[i] = value;
            return true;
        }
        return false;
    }

    private static bool EqualsAscii(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length) return false;
        for (int i = 0; i < bytes.Length; i++)
            if (bytes[i] != text[i]) return false;
        return true;
    }

    // ---- OpenResty's additions: jit.attach, jit.security, jit.prngstate ----

    /// <summary>
    /// jit.attach(handler [, event]): LuaJIT's events report bytecode loading and trace recording, which
    /// Tidegate does not have; a handler is registered (or, without an event, detached) as LuaJIT does
    /// and is never called.
    /// </summary>
    private static int Attach(LuaCall call, JitSettings settings)
    {
        var handler = call.CheckFunction(0);
        var events = settings.AttachedHandlers;
        if (call[1].IsNil)
        {
            foreach (var key in events.Where(e => ReferenceEquals(e.Value, handler)).Select(e => e.Key).ToList())
                events.Remove(key);
        }
        else
        {
            events[call.CheckString(1).ToLatin1()] = handler;
        }
        return 0;
    }

    /// <summary>
    /// jit.security(option): the hardening settings OpenResty's build reports. Tidegate's answers: its PRNG
    /// is the operating system's, string hashes are seeded per process, and there is no machine code of its
    /// own to place (the .NET runtime places it): each reports 1, as this build of LuaJIT does.
    /// </summary>
    private static int Security(LuaCall call)
    {
        var option = call.CheckString(0).ToLatin1();
        return option switch
        {
            "prng" or "strhash" or "strid" or "mcode" => call.Return(1),
            _ => throw call.ArgError(0, $"invalid option '{option}'"),
        };
    }

    /// <summary>
    /// jit.prngstate([state]): LuaJIT's trace compiler keeps a PRNG (8 32-bit words) for its randomised
    /// penalties; Tidegate has no such consumer, but keeps and reports the state so scripts that save and
    /// restore it behave the same. Returns the previous state; sets the new one from a table of up to 8
    /// integers in 0..2^32-1 (missing words are 0) or from one such integer.
    /// </summary>
    private static int PrngState(LuaCall call, JitSettings settings)
    {
        var previous = new LuaTable(8, 0);
        for (int i = 0; i < 8; i++) previous[i + 1] = (double)(int)settings.PrngState[i];
        if (call.Count > 0 && !call[0].IsNil)
        {
            var words = new uint[8];
            if (call[0].Ref is LuaTable t)
            {
                int n = t.Length();
                if (n > 8) throw PrngError(call);
                for (int i = 0; i < n; i++) words[i] = PrngWord(call, t.Get(i + 1));
            }
            else if (call[0].IsNumber)
            {
                words[0] = PrngWord(call, call[0]);
            }
            else throw call.TypeError(0, "table");
            words.CopyTo(settings.PrngState, 0);
        }
        return call.Return(previous);
    }

    private static uint PrngWord(LuaCall call, LuaValue v)
    {
        if (v.IsNil) return 0;
        if (!v.IsNumber || v.Number < 0 || v.Number > uint.MaxValue || v.Number != Math.Floor(v.Number)) throw PrngError(call);
        return (uint)v.Number;
    }

    private static LuaException PrngError(LuaCall call) =>
        call.ArgError(0, "PRNG state must be an array with up to 8 integers or an integer");
}
