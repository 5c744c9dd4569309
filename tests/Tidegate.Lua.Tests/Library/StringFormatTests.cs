namespace Tidegate.Lua.Tests.Library;

/// <summary>
/// string.format: every conversion and flag, LuaJIT's rounding (ties away from zero, exact digits),
/// %a, %q over all 256 byte values, inf/nan spellings, tostring of non-strings, and the errors;
/// plus thousands of random specs, all compared with luajit's output.
/// </summary>
public class StringFormatTests
{
    private static void Same(string script) => LuaJitReference.AssertSameOutput(script);

    private const string P = "local function t(...) print(pcall(...)) end\n";

    [Fact]
    public void Integers() => Same(P + """
        local f = string.format
        print(f("%d %d %d %d %d %d", 3.7, -3.7, 2^53, 2^63, 1e300, 0/0))
        print(f("%x %x %u %o %c%c", -1, 3.5, -1, 8.9, 65.7, 256 + 65))
        print(f("%x %x %d %d %x %d", 1/0, -2^63, -2^63, 2^63, 2^64, -0.0))
        print(f("[%.3d] [%+.3x] [% d] [%-+ #05d] [%-----5d] [%1.12d] [%#x] [%#X] [%#o]", -5, 5, 5, 1, 1, 1, 255, 255, 8))
        print(f("[%#.3x] [%#x] [%#o] [%#.0o] [%.0d] [%.0x] [%5.0d] [%05d] [%-05d] [%+05d] [%05.3d]", 0, 0, 0, 0, 0, 0, 0, 42, 42, 42, 42))
        print(f("%i %d %d", 42, "10", " 0x10 "))
        """);

    [Fact]
    public void FloatsRoundLikeLuaJit() => Same("""
        for _, spec in ipairs{"%.3f", "%.0f", "%.1f", "%.20f", "%.2e", "%.3g", "%.17g", "%.25g", "%.30e", "%e", "%g", "%f", "%G", "%E", "%#g", "%#.0f", "%#.0e", "%.0g", "%+.4e", "% .2f", "%010.3f", "%-12.4g|"} do
          local out = {}
          for _, x in ipairs{2.0005, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.0005, 0.15, 0.25, 0.35, 1e22, 1e23, 123456789012345678, 5e-324,
                             2.5e-5, 0.1, 1/3, 9.9999, 99.5, 999.5, 0, -0.0, 1e-310, 100000, 1e-5, 1000000, 1e-4, 1e300, 2^70, 1e15, 1e16, 0.05} do
            out[#out + 1] = string.format(spec, x)
          end
          print(spec, table.concat(out, " "))
        end
        """);

    [Fact]
    public void HexFloatsAndNonFinite() => Same(P + """
        local f = string.format
        print(f("%a %A %a %a %.3a", 1, 0.1, 0, 1e-310, 1/3))
        print(f("%a %a %a %a %.0a %.1a %#.0a", -0.0, 0.5, 1e300, 2^-1074, 1.5, 1.96875, 1))
        print(f("%10a|%-12A|%+a|%020a", 1, 2, 3, -4))
        print(f("%.13a %.14a %.2a %.0a", 0.1, 0.1, 0.1, 1.9))
        print(f("%a %a %e %E %g %G %f %F", 1/0, 0/0, 1/0, -1/0, 0/0, 0/0, -(0/0), 1/0))
        print(f("%5.1f|%-8g|%+e|%05f|%010f|%-010f|%+f|% f|% e", 1/0, 0/0, -1/0, 1/0, 0/0, 1/0, 1/0, -(0/0), 1/0))
        print(f("%.14g %.15g %.16g %.17g", 0.1 + 0.2, 0.1 + 0.2, 0.1 + 0.2, 0.1 + 0.2))
        """);

    [Fact]
    public void StringsQuotingAndToString() => Same(P + """
        local all = {} for b = 0, 255 do all[#all + 1] = string.char(b) end all = table.concat(all)
        print(string.format("%q", all))
        print(string.format("%q", "a\0b\r\n\t\1\0011\127\255\"\\"), string.format("%q", "\0001\0a\n9\r0\31"))
        print(string.format("%5.2s|%-5s|%.1s|%5s|%05s|%+s|%#s|%10s|", "abc", "y", "zz", "a\0b", "ab", "c", "d", "a\0b"))
        print(string.format("%s %s %s %s", nil, true, 1.5, 1e100), string.format("%q %q %q %q %q", 1/3, 1, nil, 1/0, true))
        print(string.format("%5q|%-5q|%5.5q|", "a", "x", 3))
        print(string.format("%s", setmetatable({}, {__tostring = function() return "T" end})))
        print(string.format("%s", setmetatable({}, {__tostring = function() return 42 end})))
        t(string.format, "%s", setmetatable({}, {__tostring = function() error("E") end}))
        print(string.format("%c%c%c|%5c|%-5c|", 0, 65, 255, 66, 67) == "\0A\255|    B|C    |")
        print(string.format("%p %p %p", nil, 1, true), #string.format("%p", {}) > 4)
        """);

    [Fact]
    public void Errors() => Same(P + """
        local f = string.format
        t(f, "%y", 1) t(f, "%123d", 1) t(f, "%12.123d", 1) t(f, "%.100f", 1) t(f, "%100d", 1) t(f, "%5%") t(f, "%") t(f, "abc%")
        t(f, "%C", 1) t(f, "%S", 1) t(f, "%b", 1) t(f, "%l", 1) t(f, "%ld", 1) t(f, "%.", 1) t(f, "%d", "x") t(f, "%d") t(f, "%s")
        t(f, "%s %s", 1) t(f, "%c", "x") t(f, "%d", {}) t(f) t(f, 12) t(f, {}) t(f, "%%") t(f, "no args") t(f, "%99.99f", 1)
        t(f, "%.f %-.e", 1.55, 1.55) t(f, "%\0d", 1) t(f, "%5\0", 1) print((f("a\0b%dc\0", 1):gsub("%z", "Z")))
        print(pcall(function() local s = string.format("%d", "x") return s end))
        """);

    [Fact]
    public void RandomSpecsMatchLuaJit() => Same("""
        math.randomseed(11)
        local flags = {"", "-", "+", " ", "#", "0", "-0", "+0", "# ", "-#", "+ ", "0#"}
        local convs = {"d","i","u","c","o","x","X","e","E","f","F","g","G","a","A","s","q"}
        local nums = {0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.1, 1/3, 2/3, 123.456, -123.456, 1e-5, 1e-4, 99999.5, 999999.5, 1e15, 1e16,
          1e21, 1e22, 1e100, 1e300, 1e-300, 5e-324, 2.2250738585072014e-308, 2^53, 2^63, -2^63, 2^64, 1/0, -1/0, 0/0, 255, 65, 3.7,
          -3.7, 0.05, 0.005, 0.0005, 9.9999, 99.99, 1234567.0, 0.000123456789, 7e-10, 1.25, 0.125, 1.0005}
        local strs = {"", "abc", "a\0b", "hello world", "\r\n\t\"\\", "\1\0012", "\255\200"}
        for n = 1, 3000 do
          local f = flags[math.random(#flags)]
          local w = math.random(0, 3) == 0 and "" or tostring(math.random(0, 25))
          local p = math.random(0, 2) == 0 and "" or ("." .. (math.random(0, 3) == 0 and "" or tostring(math.random(0, 20))))
          local c = convs[math.random(#convs)]
          local spec = "%" .. f .. w .. p .. c
          local v
          if c == "s" or c == "q" then v = math.random(0, 3) == 0 and nums[math.random(#nums)] or strs[math.random(#strs)]
          else v = nums[math.random(#nums)] end
          print(n, spec, pcall(string.format, "[" .. spec .. "]", v))
        end
        """);
}
