using System.Globalization;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.HeadersMore;

/// <summary>headers-more's directives: options -s/-t (and -r for input headers), then headers.</summary>
public sealed class HeadersMoreConfigModule : IConfigModule
{
    public bool TryApply(ConfigDirective d, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler)
    {
        if (settings is null) return false;
        bool input, clear;
        switch (d.Name)
        {
            case "more_set_headers": input = false; clear = false; break;
            case "more_clear_headers": input = false; clear = true; break;
            case "more_set_input_headers": input = true; clear = false; break;
            case "more_clear_input_headers": input = true; clear = true; break;
            default: return false;
        }
        var rule = new HeaderRule();
        var args = d.Arguments;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg.Length >= 2 && arg[0] == '-' && (arg[1] == 's' || arg[1] == 't'))
            {
                string list = arg.Length > 2 ? arg[2..] : (++i < args.Count ? args[i] : throw ConfigException.At($"{d.Name}: {arg} option takes an argument", d));
                foreach (var item in list.Split(' ', '\t'))
                {
                    if (item.Length == 0) continue;
                    if (arg[1] == 't') rule.Types.Add(item);
                    else if (!input && int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int status)) rule.Statuses.Add(status);
                    else throw ConfigException.At($"{d.Name}: invalid value \"{item}\"", d);
                }
                continue;
            }
            if (arg == "-r" && input) { rule.ReplaceOnly = true; continue; }
            if (arg.StartsWith('-') && arg.Length > 1) throw ConfigException.At($"{d.Name}: invalid option name: \"{arg}\"", d);
            int colon = arg.IndexOf(':');
            string name = (colon < 0 ? arg : arg[..colon]).Trim();
            string value = colon < 0 ? "" : arg[(colon + 1)..].Trim(' ', '\t');
            if (name.Length == 0) throw ConfigException.At($"{d.Name}: no header name specified: \"{arg}\"", d);
            rule.Headers.Add((name, clear || value.Length == 0 ? null : Template(d, value)));
        }
        if (rule.Headers.Count == 0) throw ConfigException.At($"{d.Name}: no header specified", d);
        if (settings.MoreOwner != settings)
        {
            settings.MoreOutputRules = settings.MoreOutputRules is null ? null : new(settings.MoreOutputRules);
            settings.MoreInputRules = settings.MoreInputRules is null ? null : new(settings.MoreInputRules);
            settings.MoreOwner = settings;
        }
        if (input) (settings.MoreInputRules ??= new()).Add(rule);
        else (settings.MoreOutputRules ??= new()).Add(rule);
        return true;
    }

    private static VariableTemplate Template(ConfigDirective d, string text)
    {
        try { return VariableTemplate.Compile(text); }
        catch (ConfigException e) when (!e.Message.Contains(" in ")) { throw ConfigException.At(e.Message, d); }
    }

    public void Complete(ServerConfiguration config, ConfigCompiler compiler) { }
}
