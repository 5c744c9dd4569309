using System.Text;
using Tidegate.Web.Http;

namespace Tidegate.Web.Echo;

/// <summary>
/// The text of an echo/echo_before_body/echo_after_body directive: its arguments joined by
/// spaces and a newline, with the leading options "-n" (no newline) and "--" (end of options)
/// taken out as the module does after evaluating them.
/// </summary>
public static class EchoText
{
    public static byte[] Render(RequestContext ctx, IReadOnlyList<Hosting.VariableTemplate> arguments)
    {
        bool newline = true;
        int first = 0;
        for (; first < arguments.Count; first++)
        {
            string option = arguments[first].Source;
            if (option == "-n") { newline = false; continue; }
            if (option == "--") { first++; break; }
            break;
        }
        var sb = new StringBuilder();
        for (int i = first; i < arguments.Count; i++)
        {
            if (i > first) sb.Append(' ');
            sb.Append(arguments[i].Evaluate(ctx));
        }
        if (newline) sb.Append('\n');
        return Encoding.Latin1.GetBytes(sb.ToString());
    }
}
