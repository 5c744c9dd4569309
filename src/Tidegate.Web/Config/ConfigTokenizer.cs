using System.Text;

namespace Tidegate.Web.Config;

/// <summary>What ended a run of tokens: nginx's NGX_OK / NGX_CONF_BLOCK_START / BLOCK_DONE / FILE_DONE.</summary>
public enum ConfigTerminator { Semicolon, BlockStart, BlockEnd, EndOfInput }

/// <summary>
/// nginx's configuration tokenizer (ngx_conf_read_token), reproduced state for state so that
/// odd inputs split and fail exactly as nginx's do: words end at whitespace, <c>;</c> or
/// <c>{</c>; <c>${name}</c> keeps its brace; a closing quote must be followed by a space, <c>;</c>,
/// <c>{</c> or <c>)</c>; <c>#</c> starts a comment only where a word could start; and the escapes
/// <c>\" \' \\ \t \r \n</c> are applied to every word, quoted or not.
/// </summary>
public sealed class ConfigTokenizer
{
    private readonly byte[] text;
    private readonly ConfigSource source;
    private int pos;

    public ConfigTokenizer(byte[] text, ConfigSource source)
    {
        this.text = text;
        this.source = source;
        Line = 1;
    }

    /// <summary>The current line, as nginx's cf->conf_file->line.</summary>
    public int Line { get; private set; }

    /// <summary>Reads the words of one directive into <paramref name="words"/> and says what ended them.</summary>
    public ConfigTerminator Next(List<string> words)
    {
        words.Clear();
        bool lastSpace = true, needSpace = false, sharpComment = false, variable = false;
        bool quoted = false, singleQuoted = false, doubleQuoted = false;
        int start = pos;

        while (true)
        {
            if (pos >= text.Length)
            {
                if (words.Count > 0 || !lastSpace)
                {
                    if (source.IsCommandLine) throw new ConfigException("unexpected end of parameter, expecting \";\"" + source.Describe(Line));
                    throw ConfigException.At("unexpected end of file, expecting \";\" or \"}\"", source, Line);
                }
                return ConfigTerminator.EndOfInput;
            }

            byte ch = text[pos++];
            if (ch == '\n')
            {
                Line++;
                if (sharpComment) sharpComment = false;
            }
            if (sharpComment) continue;
            if (quoted) { quoted = false; continue; }

            if (needSpace)
            {
                if (IsSpace(ch)) { lastSpace = true; needSpace = false; continue; }
                if (ch == ';') return ConfigTerminator.Semicolon;
                if (ch == '{') return ConfigTerminator.BlockStart;
                if (ch == ')') { lastSpace = true; needSpace = false; }
                else throw Unexpected(ch);
            }

            if (lastSpace)
            {
                start = pos - 1;
                if (IsSpace(ch)) continue;
                switch (ch)
                {
                    case (byte)';':
                    case (byte)'{':
                        if (words.Count == 0) throw Unexpected(ch);
                        return ch == '{' ? ConfigTerminator.BlockStart : ConfigTerminator.Semicolon;
                    case (byte)'}':
                        if (words.Count != 0) throw Unexpected(ch);
                        return ConfigTerminator.BlockEnd;
                    case (byte)'#':
                        sharpComment = true;
                        continue;
                    case (byte)'\\':
                        quoted = true; lastSpace = false;
                        continue;
                    case (byte)'"':
                        start++; doubleQuoted = true; lastSpace = false;
                        continue;
                    case (byte)'\'':
                        start++; singleQuoted = true; lastSpace = false;
                        continue;
                    case (byte)'$':
                        variable = true; lastSpace = false;
                        continue;
                    default:
                        lastSpace = false;
                        continue;
                }
            }

            if (ch == '{' && variable) continue;
            variable = false;
            if (ch == '\\') { quoted = true; continue; }
            if (ch == '$') { variable = true; continue; }

            bool found = false;
            if (doubleQuoted)
            {
                if (ch == '"') { doubleQuoted = false; needSpace = true; found = true; }
            }
            else if (singleQuoted)
            {
                if (ch == '\'') { singleQuoted = false; needSpace = true; found = true; }
            }
            else if (IsSpace(ch) || ch == ';' || ch == '{')
            {
                lastSpace = true; found = true;
            }

            if (found)
            {
                words.Add(Unescape(start, pos - 1));
                if (ch == ';') return ConfigTerminator.Semicolon;
                if (ch == '{') return ConfigTerminator.BlockStart;
            }
        }
    }

    /// <summary>
    /// Reads the raw Lua text of a <c>*_by_lua_block { ... }</c> up to its matching brace, as
    /// lua-nginx-module does: braces inside Lua strings, long strings and comments do not count.
    /// The text excludes the outer braces.
    /// </summary>
    public string ReadLuaBlock()
    {
        int begin = pos, depth = 1;
        while (pos < text.Length)
        {
            byte ch = text[pos];
            if (ch == '\n') { Line++; pos++; continue; }
            if (ch == '-' && Peek(1) == '-')
            {
                pos += 2;
                int level = LongBracketLevel();
                if (level >= 0) SkipLongBracket(level);
                else while (pos < text.Length && text[pos] != '\n') pos++;
                continue;
            }
            if (ch == '[')
            {
                int level = LongBracketLevel();
                if (level >= 0) { SkipLongBracket(level); continue; }
                pos++;
                continue;
            }
            if (ch == '"' || ch == '\'')
            {
                pos++;
                while (pos < text.Length && text[pos] != ch)
                {
                    if (text[pos] == '\\' && pos + 1 < text.Length) { if (text[pos + 1] == '\n') Line++; pos++; }
                    else if (text[pos] == '\n') Line++;
                    pos++;
                }
                pos++;
                continue;
            }
            if (ch == '{') depth++;
            else if (ch == '}' && --depth == 0)
            {
                string lua = Encoding.Latin1.GetString(text, begin, pos - begin);
                pos++;
                return lua;
            }
            pos++;
        }
        throw ConfigException.At("unexpected end of file, expecting \"}\"", source, Line);
    }

    private int Peek(int offset) => pos + offset < text.Length ? text[pos + offset] : -1;

    /// <summary>At '[': the level of a long bracket ("[==[" is 2), or -1 when it is not one.</summary>
    private int LongBracketLevel()
    {
        if (Peek(0) != '[') return -1;
        int level = 0;
        while (Peek(1 + level) == '=') level++;
        return Peek(1 + level) == '[' ? level : -1;
    }

    private void SkipLongBracket(int level)
    {
        pos += level + 2;
        while (pos < text.Length)
        {
            if (text[pos] == '\n') Line++;
            else if (text[pos] == ']')
            {
                int n = 0;
                while (Peek(1 + n) == '=') n++;
                if (n == level && Peek(1 + n) == ']') { pos += level + 2; return; }
            }
            pos++;
        }
    }

    private ConfigException Unexpected(byte ch) =>
        ConfigException.At($"unexpected \"{(char)ch}\"", source, Line);

    private static bool IsSpace(byte ch) => ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';

    /// <summary>nginx's copy loop: <c>\" \' \\</c> lose the backslash, <c>\t \r \n</c> become control characters.</summary>
    private string Unescape(int from, int to)
    {
        var sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++)
        {
            byte c = text[i];
            if (c == '\\' && i + 1 < to)
            {
                switch (text[i + 1])
                {
                    case (byte)'"': case (byte)'\'': case (byte)'\\': i++; c = text[i]; break;
                    case (byte)'t': sb.Append('\t'); i++; continue;
                    case (byte)'r': sb.Append('\r'); i++; continue;
                    case (byte)'n': sb.Append('\n'); i++; continue;
                }
            }
            sb.Append((char)c);
        }
        return sb.ToString();
    }
}
