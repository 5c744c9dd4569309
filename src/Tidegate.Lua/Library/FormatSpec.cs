namespace Tidegate.Lua.Library;

/// <summary>One parsed printf conversion ("%-+ #0" flags, width, precision, conversion letter).</summary>
internal struct FormatSpec
{
    public bool Left, Plus, Space, Alternate, Zero;
    /// <summary>Minimum field width; 0 when none was given.</summary>
    public int Width;
    /// <summary>Precision; -1 when none was given.</summary>
    public int Precision;
    /// <summary>The conversion letter: d i u c o x X e E f F g G a A s q p.</summary>
    public byte Conversion;

    public readonly bool Upper => Conversion is (byte)'X' or (byte)'E' or (byte)'F' or (byte)'G' or (byte)'A';

    /// <summary>The conversion letter folded to lower case (the kind of conversion).</summary>
    public readonly byte Kind => (byte)(Conversion | 0x20);
}
