namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// The settings of one cjson module table (lua-cjson's json_config_t): each table made by require or
/// <c>new()</c> has its own. Enumerated settings keep lua-cjson's numbering (0 = off, 1 = on, 2 = "null").
/// </summary>
internal sealed class CjsonConfig
{
    public CjsonConfig(CjsonFlavor flavor, CjsonStateObjects shared)
    {
        Flavor = flavor;
        Shared = shared;
    }

    public CjsonFlavor Flavor { get; }

    /// <summary>What every cjson table in the state shares (array metatables, the '/' escape switch).</summary>
    public CjsonStateObjects Shared { get; }

    public int EncodeSparseConvert;
    public int EncodeSparseRatio = 2;
    public int EncodeSparseSafe = 10;
    public int EncodeMaxDepth = 1000;
    public int DecodeMaxDepth = 1000;
    public int EncodeInvalidNumbers;            // 0 off (error), 1 on ("inf", "nan"), 2 "null"
    public int DecodeInvalidNumbers = 1;
    public int EncodeKeepBuffer = 1;
    public int EncodeNumberPrecision = 14;

    // OpenResty's fork
    public int EncodeEmptyTableAsObject = 1;
    public int DecodeArrayWithArrayMt;

    /// <summary>The highest encode_number_precision accepts: 14 in 2.1.0, 16 in OpenResty's fork.</summary>
    public int MaxNumberPrecision => Flavor == CjsonFlavor.OpenResty ? 16 : 14;

    /// <summary>The output buffer kept between encodes while encode_keep_buffer is on.</summary>
    public JsonOutput? KeptBuffer;
}
